using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Configuration;
using Qlrf.Dr;
using Qlrf.Json;
using Qlrf.Tenancy;

namespace Qlrf.Sandbox.Dr;

/// <summary>
/// Loads the sample DR pairs into the default organisation at start-up, each only when no pair has its id, so
/// the local host can run a drill on its first start. Running it again changes nothing.
/// </summary>
internal sealed class SampleDrPairsLoader(
    IDrPairStore pairs,
    IOptions<SandboxDrOptions> options,
    IOptions<TenancyOptions> tenancy,
    TimeProvider time,
    ILogger<SampleDrPairsLoader> logger) : IHostedService
{
    private const string Actor = "samples";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.SamplePairsFile;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return;
        }

        var path = ConfiguredFile.Find(configured)
            ?? throw new InvalidOperationException($"Setting '{SandboxDrOptions.Section}:SamplePairsFile' names '{configured}', which does not exist. Fix the path, or set it empty to load no sample DR pairs.");
        var organisation = tenancy.Value.DefaultOrganisation;
        var now = time.GetUtcNow();
        foreach (var sample in SampleDrPairsFile.Read(path).Pairs)
        {
            var pair = ToPair(organisation, sample, now, path);
            if (await pairs.GetAsync(organisation, pair.Id, cancellationToken) is null
                && await pairs.CreateAsync(pair, DrPairRules.NextDrillAt(pair, now), cancellationToken) is not null)
            {
                SandboxDrLogs.SamplePairLoaded(logger, pair.Id, organisation);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static DrPair ToPair(string organisation, SamplePair s, DateTimeOffset now, string path)
    {
        var pair = new DrPair
        {
            Organisation = organisation,
            Id = s.Id,
            Name = s.Name,
            PrimarySite = s.PrimarySite,
            RecoverySite = s.RecoverySite,
            Environment = s.Environment,
            Workloads = new DrWorkloads { AssetIds = s.AssetIds, Tags = s.Tags },
            Replication = EnumText<ReplicationKind>.TryParse(s.Replication, out var kind) ? kind : Invalid<ReplicationKind>(path, s.Id, "replication", s.Replication),
            RtoTarget = TimeSpan.FromSeconds(s.RtoTargetSeconds),
            RpoTarget = TimeSpan.FromSeconds(s.RpoTargetSeconds),
            Policy = new DrPairPolicy(s.AllowUnattendedTestFailover, s.MaxDrillAgeDays is { } days ? TimeSpan.FromDays(days) : null),
            Schedule = s.Schedule is null ? null : new DrSchedule(s.Schedule, EnumText<DrillKind>.TryParse(s.ScheduleKind, out var k) ? k : Invalid<DrillKind>(path, s.Id, "scheduleKind", s.ScheduleKind)),
            CreatedAt = now,
            CreatedBy = Actor,
        };
        if (DrPairRules.Validate(pair) is [var (field, problem), ..])
        {
            throw new InvalidOperationException($"The sample DR pairs file '{path}': pair '{s.Id}': {field} {problem}");
        }

        return pair;
    }

    private static T Invalid<T>(string path, string id, string field, string value) =>
        throw new InvalidOperationException($"The sample DR pairs file '{path}': pair '{id}': {field} '{value}' is not valid.");
}
