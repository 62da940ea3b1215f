namespace Qlrf.Durable.Tests.Model;

/// <summary>NewGuid is a version 5 UUID over (instance id, step time, counter), as durabletask-dotnet computes it.</summary>
public sealed class DeterministicGuidTests
{
    [Fact]
    public void Create_matches_the_RFC_4122_version_5_reference_value()
    {
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), DeterministicGuid.Create(dns, "python.org"));
    }

    [Fact]
    public void Ids_depend_on_instance_time_and_counter_only()
    {
        var at = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

        var first = DeterministicGuid.ForOrchestration("rollout-1", at, 0);

        Assert.Equal(first, DeterministicGuid.ForOrchestration("rollout-1", at, 0));
        Assert.NotEqual(first, DeterministicGuid.ForOrchestration("rollout-1", at, 1));
        Assert.NotEqual(first, DeterministicGuid.ForOrchestration("rollout-2", at, 0));
        Assert.NotEqual(first, DeterministicGuid.ForOrchestration("rollout-1", at.AddMilliseconds(1), 0));
        Assert.Equal('5', first.ToString()[14]);
        Assert.Equal(DeterministicGuid.Create(DeterministicGuid.Namespace, "rollout-1_2026-11-02T09:00:00.0000000Z_0"), first);
    }
}
