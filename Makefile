# SPDX-License-Identifier: GPL-2.0
# Entry points of the memory-provider series bench.  The work is done by
# the scripts in bench/; see README.md.

B := bench

.PHONY: help demo bench-tcp bench-devmem bench-pp compile-pp-users kunit-nodebug setup tree export series-status build vm check check-series

help:
	@echo "make demo           linked netdevsim ports in the VM: header split, steering, a verified stream"
	@echo "make check          everything: setup, apply, checkpatch, build, VM tests"
	@echo "make bench-tcp      baseline TCP throughput and CPU per GiB, header split off and on"
	@echo "make bench-devmem   recv() vs TCP_ZEROCOPY_RECEIVE vs devmem TCP: throughput, receiver CPU per GiB"
	@echo "make bench-pp       page_pool cost per operation, base kernel vs patched (QEMU icount)"
	@echo "make compile-pp-users  every in-tree page_pool user compiles without warnings"
	@echo "make kunit-nodebug  the KUnit suites on a kernel without the debug options (no DEBUG_NET)"
	@echo "make tree           make/update the kernel work tree from patches/"
	@echo "make export         write the work tree's commits back into patches/"
	@echo "make series-status  non-zero when the work tree holds work not in patches/"
	@echo "make build          build the kernel from the work tree (incremental)"
	@echo "make vm CMD='...'   boot the built kernel and run CMD inside"
	@echo "make check-series   build and checkpatch every patch in order"
	@echo "make setup          install the Debian packages the bench needs"

demo:
	@$(B)/demo.sh

bench-tcp:
	@$(B)/bench-tcp.sh

bench-devmem:
	@$(B)/bench-devmem.sh

bench-pp:
	@$(B)/bench-pp.sh

compile-pp-users:
	@$(B)/compile-pp-users.sh

kunit-nodebug:
	@$(B)/kunit-nodebug.sh

setup:
	@$(B)/setup.sh

tree: setup
	@$(B)/tree.sh

export:
	@$(B)/export.sh

series-status:
	@$(B)/status.sh

build: tree
	@$(B)/build.sh

vm:
	@$(B)/vm.sh -- $(if $(CMD),/bin/sh -c '$(CMD)',)

check:
	@$(B)/check.sh

check-series: tree
	@$(B)/check-series.sh
