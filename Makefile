# SPDX-License-Identifier: GPL-2.0
# Entry points of the memory-provider series bench.  The work is done by
# the scripts in bench/; see README.md.

B := bench

.PHONY: help demo bench-tcp setup tree export series-status build vm check check-series

help:
	@echo "make demo           linked netdevsim ports in the VM: header split, steering, a verified stream"
	@echo "make check          everything: setup, apply, checkpatch, build, VM tests"
	@echo "make bench-tcp      baseline TCP throughput and CPU per GiB, header split off and on"
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
