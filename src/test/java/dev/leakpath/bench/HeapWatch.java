package dev.leakpath.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The heap a benchmark used: the live heap after each collection (what must fit under {@code -Xmx}), and the
 * highest heap in use sampled every 10 ms (garbage not yet collected included). The sum of the heap pools' peaks,
 * which the other benchmarks print, adds peaks reached at different times, and can exceed the maximum.
 */
final class HeapWatch {

	private final AtomicLong afterCollection = new AtomicLong();

	private final AtomicLong sampled = new AtomicLong();

	private HeapWatch() {
	}

	static HeapWatch start() {
		HeapWatch watch = new HeapWatch();
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
				if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
					Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo
						.from((CompositeData) notification.getUserData())
						.getGcInfo()
						.getMemoryUsageAfterGc();
					long used = ManagementFactory.getMemoryPoolMXBeans().stream()
						.filter(pool -> pool.getType() == MemoryType.HEAP && after.containsKey(pool.getName()))
						.mapToLong(pool -> after.get(pool.getName()).getUsed())
						.sum();
					watch.afterCollection.accumulateAndGet(used, Math::max);
				}
			}, null, null);
		}
		Thread sampler = new Thread(() -> {
			while (true) {
				watch.sampled.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
						Math::max);
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "heap-watch");
		sampler.setDaemon(true);
		sampler.start();
		return watch;
	}

	String describe() {
		long sumOfPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.map(MemoryPoolMXBean::getPeakUsage)
			.mapToLong(MemoryUsage::getUsed)
			.sum();
		return "peak live heap after a collection %d MB, peak heap in use %d MB (sum of the pools' peaks %d MB), of %d MB max"
			.formatted(afterCollection.get() >> 20, sampled.get() >> 20, sumOfPeaks >> 20,
					Runtime.getRuntime().maxMemory() >> 20);
	}

}
