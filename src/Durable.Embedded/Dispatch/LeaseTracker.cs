using System.Collections.Concurrent;

namespace Qlrf.Durable;

/// <summary>The leases this process holds on work in progress, so that they are renewed until the work commits.</summary>
internal sealed class LeaseTracker
{
    private readonly ConcurrentDictionary<string, long> instances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, long> activities = new();

    public void Hold(OrchestrationWorkItem item) => instances[item.Instance.InstanceId] = item.LockToken;

    public void Release(OrchestrationWorkItem item) => instances.TryRemove(new KeyValuePair<string, long>(item.Instance.InstanceId, item.LockToken));

    public void Hold(ActivityWorkItem item) => activities[item.Id] = item.LockToken;

    public void Release(ActivityWorkItem item) => activities.TryRemove(new KeyValuePair<long, long>(item.Id, item.LockToken));

    public (List<(string InstanceId, long Token)> Instances, List<(long Id, long Token)> Activities) Snapshot() =>
        (instances.Select(p => (p.Key, p.Value)).ToList(), activities.Select(p => (p.Key, p.Value)).ToList());
}
