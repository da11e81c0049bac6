// SPDX-License-Identifier: GPL-2.0
/*
 * ppbench: page_pool allocation plus recycling, per operation.
 *
 * Built out of tree against the unpatched base kernel and against the
 * patched one (bench/bench-pp.sh), so that both run the same loops.
 * Loading it runs the benchmark and prints one line per case and round;
 * it then refuses to load (-EAGAIN), so nothing stays behind.
 *
 *   fast  alloc and recycle into the alloc cache, in softirq context:
 *         what a driver's NAPI loop does for XDP_DROP
 *   ring  alloc a batch of 64, free them all from outside softirq into
 *         the ptr_ring, alloc them back: what remote frees cost
 *
 * Each case runs for the page API on a plain pool ("page") and on a
 * fragment pool ("frag"), and, on a kernel with memory providers, for
 * the netmem API on a pool a test provider serves ("provider").
 */

#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/platform_device.h>
#include <linux/rtnetlink.h>
#include <linux/sort.h>
#include <net/page_pool.h>

#ifdef PP_FLAG_ALLOW_UNREADABLE_NETMEM
#include <net/memory_provider.h>
#define PPBENCH_PROVIDER 1
#endif

static unsigned int loops = 200000;
module_param(loops, uint, 0444);
static unsigned int rounds = 9;
module_param(rounds, uint, 0444);

#define PPBENCH_BATCH	64
#define PPBENCH_ROUNDS	31

struct ppbench_ops {
	const char *name;
	void *(*alloc)(struct page_pool *pool);
	void (*put)(struct page_pool *pool, void *buf, bool direct);
};

static void *ppbench_page_alloc(struct page_pool *pool)
{
	return page_pool_alloc_pages(pool, GFP_ATOMIC);
}

static void ppbench_page_put(struct page_pool *pool, void *buf, bool direct)
{
	page_pool_put_full_page(pool, buf, direct);
}

static const struct ppbench_ops ppbench_pages = {
	.name	= "page",
	.alloc	= ppbench_page_alloc,
	.put	= ppbench_page_put,
};

/* A fragment pool (hns3, bnxt, octeontx2 have them) handing out a whole
 * page with one fragment reference, which the put drops.
 */
static void *ppbench_frag_alloc(struct page_pool *pool)
{
	struct page *page = page_pool_alloc_pages(pool, GFP_ATOMIC);

	if (page)
		page_pool_fragment_page(page, 1);
	return page;
}

static const struct ppbench_ops ppbench_frags = {
	.name	= "frag",
	.alloc	= ppbench_frag_alloc,
	.put	= ppbench_page_put,
};

/* ns per alloc+put pair, buffers recycled straight into the cache */
static u64 ppbench_fast(struct page_pool *pool, const struct ppbench_ops *ops)
{
	unsigned int i;
	u64 t0, t1;

	local_bh_disable();
	t0 = ktime_get_ns();
	for (i = 0; i < loops; i++) {
		void *buf = ops->alloc(pool);

		if (unlikely(!buf))
			break;
		ops->put(pool, buf, true);
	}
	t1 = ktime_get_ns();
	local_bh_enable();
	return i ? (t1 - t0) * 1000 / i : 0;
}

/* ns per alloc+put pair, buffers recycled through the ptr_ring */
static u64 ppbench_ring(struct page_pool *pool, const struct ppbench_ops *ops)
{
	void *bufs[PPBENCH_BATCH];
	unsigned int i, j, n = 0;
	u64 t0, t1;

	t0 = ktime_get_ns();
	for (i = 0; i < loops / PPBENCH_BATCH; i++) {
		local_bh_disable();
		for (j = 0; j < PPBENCH_BATCH; j++) {
			bufs[j] = ops->alloc(pool);
			if (unlikely(!bufs[j]))
				break;
		}
		local_bh_enable();
		/* Not in softirq: everything goes to the ring. */
		n += j;
		while (j--)
			ops->put(pool, bufs[j], false);
	}
	t1 = ktime_get_ns();
	return n ? (t1 - t0) * 1000 / n : 0;
}

#ifdef PPBENCH_PROVIDER
/* A provider with a free list of net_iovs, as small as it can be. */
struct ppbench_mp {
	struct net_iov_area area;
	struct net_iov **free;
	unsigned int nfree;
};

static netmem_ref ppbench_mp_alloc(struct page_pool *pool, gfp_t gfp)
{
	struct ppbench_mp *mp = pool->mp_priv;
	struct net_iov *niov;

	if (!mp->nfree)
		return 0;
	niov = mp->free[--mp->nfree];
	net_mp_niov_set_page_pool(pool, niov);
	return net_iov_to_netmem(niov);
}

static bool ppbench_mp_release(struct page_pool *pool, netmem_ref netmem)
{
	struct ppbench_mp *mp = pool->mp_priv;
	struct net_iov *niov = netmem_to_net_iov(netmem);

	net_mp_niov_clear_page_pool(niov);
	mp->free[mp->nfree++] = niov;
	return false;
}

static int ppbench_mp_init(struct page_pool *pool)
{
	return 0;
}

static void ppbench_mp_destroy(struct page_pool *pool)
{
}

static const struct memory_provider_ops ppbench_mp_ops = {
	.alloc_netmems	= ppbench_mp_alloc,
	.release_netmem	= ppbench_mp_release,
	.init		= ppbench_mp_init,
	.destroy	= ppbench_mp_destroy,
};

static void *ppbench_netmem_alloc(struct page_pool *pool)
{
	return (__force void *)page_pool_alloc_netmem(pool, GFP_ATOMIC);
}

static void ppbench_netmem_put(struct page_pool *pool, void *buf, bool direct)
{
	page_pool_put_full_netmem(pool, (__force netmem_ref)buf, direct);
}

static const struct ppbench_ops ppbench_netmems = {
	.name	= "provider",
	.alloc	= ppbench_netmem_alloc,
	.put	= ppbench_netmem_put,
};
#endif

static int ppbench_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Print the median and the spread of one case over the rounds, in
 * picoseconds per operation (ns * 1000: TCG's icount clock is coarse).
 */
static void ppbench_report(const char *kind, const char *name, u64 *v,
			   unsigned int n)
{
	sort(v, n, sizeof(*v), ppbench_cmp, NULL);
	pr_info("ppbench: case=%s-%s rounds=%u loops=%u median_ps=%llu min_ps=%llu max_ps=%llu\n",
		kind, name, n, loops, v[n / 2], v[0], v[n - 1]);
}

static void ppbench_run(struct page_pool *pool, const struct ppbench_ops *ops)
{
	u64 fast[PPBENCH_ROUNDS], ring[PPBENCH_ROUNDS];
	unsigned int r;

	/* Warm the pool: its cache and ring fill up. */
	ppbench_fast(pool, ops);
	ppbench_ring(pool, ops);
	for (r = 0; r < rounds; r++) {
		fast[r] = ppbench_fast(pool, ops);
		ring[r] = ppbench_ring(pool, ops);
	}
	ppbench_report("fast", ops->name, fast, rounds);
	ppbench_report("ring", ops->name, ring, rounds);
}

static int __init ppbench_init(void)
{
	struct page_pool_params pp = {
		.pool_size	= 1024,
		.nid		= NUMA_NO_NODE,
	};
	struct page_pool *pool;

	rounds = clamp_t(unsigned int, rounds, 1, PPBENCH_ROUNDS);
	loops = max_t(unsigned int, loops, PPBENCH_BATCH);
	pool = page_pool_create(&pp);
	if (IS_ERR(pool))
		return PTR_ERR(pool);
	ppbench_run(pool, &ppbench_pages);
	page_pool_destroy(pool);

	pp.flags = PP_FLAG_PAGE_FRAG;
	pool = page_pool_create(&pp);
	if (IS_ERR(pool))
		return PTR_ERR(pool);
	ppbench_run(pool, &ppbench_frags);
	page_pool_destroy(pool);

#ifdef PPBENCH_PROVIDER
	{
		struct net_device *dev = alloc_etherdev_mqs(0, 1, 1);
		struct platform_device *pdev;
		struct ppbench_mp mp = {};
		unsigned int i, n = 2048;
		int err = -ENOMEM;

		/* Provider pools must declare DMA mapping and sync, as a
		 * NIC's do: a platform device stands in for the NIC.
		 */
		pdev = platform_device_register_simple("ppbench",
						       PLATFORM_DEVID_NONE,
						       NULL, 0);
		if (IS_ERR(pdev)) {
			err = PTR_ERR(pdev);
			pdev = NULL;
			goto out_mp;
		}
		err = dma_coerce_mask_and_coherent(&pdev->dev,
						   DMA_BIT_MASK(64));
		if (err)
			goto out_mp;
		err = -ENOMEM;
		mp.free = kvcalloc(n, sizeof(*mp.free), GFP_KERNEL);
		if (!dev || !mp.free ||
		    net_iov_area_init(&mp.area, n, 0, NET_IOV_UNSPEC))
			goto out_mp;
		for (i = 0; i < n; i++)
			mp.free[mp.nfree++] = &mp.area.niovs[i];
		/* mp_params are RTNL's, as the core asserts. */
		rtnl_lock();
		__netif_get_rx_queue(dev, 0)->mp_params.mp_priv = &mp;
		__netif_get_rx_queue(dev, 0)->mp_params.mp_ops = &ppbench_mp_ops;
		rtnl_unlock();
		pp.flags = PP_FLAG_ALLOW_UNREADABLE_NETMEM | PP_FLAG_DMA_MAP |
			   PP_FLAG_DMA_SYNC_DEV;
		pp.dev = &pdev->dev;
		pp.dma_dir = DMA_FROM_DEVICE;
		pp.max_len = PAGE_SIZE;
		pp.netdev = dev;
		pp.queue_idx = 0;
		rtnl_lock();
		pool = page_pool_create(&pp);
		rtnl_unlock();
		err = PTR_ERR_OR_ZERO(pool);
		if (err)
			goto out_mp;
		ppbench_run(pool, &ppbench_netmems);
		page_pool_destroy(pool);
		/* Every buffer is back: the loops return all they take. */
		if (mp.nfree != n)
			pr_err("ppbench: %u buffers did not come back\n", n - mp.nfree);
out_mp:
		if (err)
			pr_err("ppbench: provider case failed: %d\n", err);
		net_iov_area_free(&mp.area);
		kvfree(mp.free);
		if (dev)
			free_netdev(dev);
		if (pdev)
			platform_device_unregister(pdev);
	}
#endif
	pr_info("ppbench: done\n");
	return -EAGAIN;
}

module_init(ppbench_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("page_pool alloc+recycle microbenchmark");
