using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Channels.Delivery;
using Qlrf.Notifications;

namespace Qlrf.Certificates.Sweeps;

/// <summary>
/// Sweeps one certificate source into its organisation's inventory, then resolves the organisation's usages across
/// every source's endpoints and references, and raises the expiry alerts due (once per threshold per version),
/// notifying the channels, then runs the registered <see cref="ICertificateSweepStep"/>s.
/// </summary>
public sealed class CertificateSweeper(
    CertificateSourceRegistry sources,
    ICertificateStore store,
    NotificationDispatcher notifications,
    IOptions<CertificatesOptions> options,
    TimeProvider time,
    ILogger<CertificateSweeper> logger,
    IEnumerable<ICertificateSweepStep> steps) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Sweeps the named source now; returns the changes it recorded.</summary>
    public async Task<IReadOnlyList<CertificateChange>> SweepAsync(string organisation, string sourceName, CancellationToken cancellationToken)
    {
        var source = sources.Get(organisation, sourceName);
        CertificateSweepResult result;
        try
        {
            result = await source.SweepAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CertificatesLogs.SweepFailed(logger, source.Name, ex);
            throw;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var changes = await store.ApplySweepAsync(organisation, source.Name, result, now, cancellationToken);
            await ResolveUsagesAsync(organisation, cancellationToken);
            var alerts = await RaiseAlertsAsync(organisation, now, cancellationToken);
            foreach (var step in steps)
            {
                await step.AfterSweepAsync(organisation, now, cancellationToken);
            }

            CertificatesLogs.Swept(logger, source.Name, result.Certificates.Count, result.Endpoints.Count, changes.Count, alerts);
            return changes;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    /// <summary>Recomputes every usage of the organisation's certificates from what every source last saw.</summary>
    public async Task ResolveUsagesAsync(string organisation, CancellationToken cancellationToken)
    {
        var certificates = await store.ListAllAsync(organisation, cancellationToken);
        var endpoints = await store.ListServedEndpointsAsync(organisation, cancellationToken);
        var references = await store.ListSecretReferencesAsync(organisation, cancellationToken);

        // An endpoint-scan certificate is the endpoint's own observation: the endpoint uses it by thumbprint only.
        // A Kubernetes TLS secret holding a store certificate's thumbprint is a copy the store's rotations deploy to.
        var secrets = certificates.Where(c => c.StoreKind == CertificateStoreKinds.Kubernetes).ToList();
        var usages = certificates.SelectMany(c => UsageResolver.Resolve(c, c.StoreKind == CertificateStoreKinds.TlsEndpoint ? endpoints.Where(e => e.Thumbprint == c.Thumbprint) : endpoints, references, secrets)).ToList();
        await store.ReplaceUsagesAsync(organisation, usages, cancellationToken);
    }

    /// <summary>Raises the alerts due now; returns how many were new.</summary>
    public async Task<int> RaiseAlertsAsync(string organisation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var raised = 0;
        foreach (var certificate in await store.ListAllAsync(organisation, cancellationToken))
        {
            var ids = await store.RaisedAlertIdsAsync(organisation, certificate.Id, cancellationToken);
            if (CertificateAlertRules.Due(certificate, now, options.Value.Thresholds, ids) is not { } alert
                || !await store.RaiseAlertAsync(alert, cancellationToken))
            {
                continue;
            }

            raised++;
            CertificatesLogs.AlertRaised(logger, alert.CertificateId, alert.ThresholdDays, alert.NotAfter);
            await notifications.NotifyAsync(ToNotification(alert), cancellationToken);
        }

        return raised;
    }

    private static Notification ToNotification(CertificateAlert alert) => new()
    {
        Id = "cert-alert:" + alert.Id,
        Organisation = alert.Organisation,
        Event = NotificationEvent.CertificateExpiring,
        Subject = alert.CertificateId,
        Text = alert.ThresholdDays == 0
            ? string.Create(CultureInfo.InvariantCulture, $"Certificate {alert.CertificateId} ({alert.Environment}) has expired ({alert.NotAfter:u}).")
            : string.Create(CultureInfo.InvariantCulture, $"Certificate {alert.CertificateId} ({alert.Environment}) expires within {alert.ThresholdDays} days ({alert.NotAfter:u})."),
        Data = new Dictionary<string, string>
        {
            ["certificateId"] = alert.CertificateId,
            ["thumbprint"] = alert.Thumbprint,
            ["thresholdDays"] = alert.ThresholdDays.ToString(CultureInfo.InvariantCulture),
            ["notAfter"] = alert.NotAfter.ToString("o", CultureInfo.InvariantCulture),
        },
        CreatedAt = alert.RaisedAt,
    };
}
