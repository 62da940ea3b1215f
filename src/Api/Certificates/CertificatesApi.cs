using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;
using Qlrf.Api.Rollouts;
using Qlrf.Certificates;
using Qlrf.Security;

namespace Qlrf.Api.Certificates;

public static class CertificatesApi
{
    private const string Tag = "Certificates";

    public static IEndpointRouteBuilder MapCertificatesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.Certificates, (CertificatesFunctions f, HttpRequest r, CancellationToken ct) => f.ListCertificatesAsync(r.Query, ct))
            .WithName(nameof(CertificatesFunctions.ListCertificatesAsync))
            .WithTags(Tag)
            .WithSummary("Lists certificates, soonest expiry first, each with its expiry bucket and days left.")
            .RequirePermission(Permission.ReadCertificates)
            .WithQuery(new QueryParameter("expiringWithinDays", "Only certificates expiring within this many days (expired ones included)."))
            .WithQuery(new QueryParameter("issuer", "Only certificates whose issuer contains this text."))
            .WithQuery(new QueryParameter("store", "Only certificates of this source."))
            .WithQuery(new QueryParameter("environment", "Only certificates of this environment."))
            .WithQuery(QueryParameterExtensions.Paging)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet(Routes.CertificatesSummary, (CertificatesFunctions f, CancellationToken ct) => f.GetCertificateSummaryAsync(ct))
            .WithName(nameof(CertificatesFunctions.GetCertificateSummaryAsync))
            .WithTags(Tag)
            .WithSummary("Counts of certificates by expiry bucket: expired, within 7, 30 and 90 days, later.")
            .RequirePermission(Permission.ReadCertificates);

        app.MapGet(Routes.CertificateAlerts, (CertificatesFunctions f, HttpRequest r, CancellationToken ct) => f.ListCertificateAlertsAsync(r.Query, ct))
            .WithName(nameof(CertificatesFunctions.ListCertificateAlertsAsync))
            .WithTags(Tag)
            .WithSummary("Expiry alerts, newest first: one per threshold per certificate version; open ones unless includeAcknowledged=true.")
            .RequirePermission(Permission.ReadCertificates)
            .WithQuery(new QueryParameter("includeAcknowledged", "true to list acknowledged alerts too."))
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapPost(Routes.CertificateAlertAcknowledge, async (CertificatesFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.AcknowledgeCertificateAlertAsync(id, await JsonBody.ReadAsync<AcknowledgeBody>(r, ct), ct))
            .WithName(nameof(CertificatesFunctions.AcknowledgeCertificateAlertAsync))
            .WithTags(Tag)
            .WithSummary("Acknowledges an expiry alert (with an optional comment); 409 once acknowledged.")
            .RequirePermission(Permission.AcknowledgeAlerts)
            .Accepts<AcknowledgeBody>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapPost(Routes.CertificateSourceSweeps, (CertificatesFunctions f, string id, CancellationToken ct) => f.SweepCertificateSourceAsync(id, ct))
            .WithName(nameof(CertificatesFunctions.SweepCertificateSourceAsync))
            .WithTags(Tag)
            .WithSummary("Sweeps a certificate source now: its inventory, usages and alerts; returns the changes recorded.")
            .RequirePermission(Permission.ExecuteTasks)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.Certificate, (CertificatesFunctions f, string id, CancellationToken ct) => f.GetCertificateAsync(id, ct))
            .WithName(nameof(CertificatesFunctions.GetCertificateAsync))
            .WithTags(Tag)
            .WithSummary("Gets a certificate: its record, expiry, usage counts by environment, alerts and latest rotation.")
            .RequirePermission(Permission.ReadCertificates)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.CertificateUsage, (CertificatesFunctions f, string id, CancellationToken ct) => f.GetCertificateUsageAsync(id, ct))
            .WithName(nameof(CertificatesFunctions.GetCertificateUsageAsync))
            .WithTags(Tag)
            .WithSummary("The blast radius: endpoints serving the certificate (by thumbprint or SAN), ingresses and workloads using it, assets behind them, with counts by environment and kind.")
            .RequirePermission(Permission.ReadCertificates)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.CertificateHistory, (CertificatesFunctions f, string id, CancellationToken ct) => f.GetCertificateHistoryAsync(id, ct))
            .WithName(nameof(CertificatesFunctions.GetCertificateHistoryAsync))
            .WithTags(Tag)
            .WithSummary("A certificate's change history as sweeps saw it (added, new version, removed), newest first.")
            .RequirePermission(Permission.ReadCertificates)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.CertificateRotations, (CertificateRotationsFunctions f, string id, CancellationToken ct) => f.ListCertificateRotationsAsync(id, ct))
            .WithName(nameof(CertificateRotationsFunctions.ListCertificateRotationsAsync))
            .WithTags(Tag)
            .WithSummary("A certificate's rotations, newest first, each with its plan, steps and outcome.")
            .RequirePermission(Permission.ReadCertificates)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost(Routes.CertificateRotations, async (CertificateRotationsFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.StartCertificateRotationAsync(id, await JsonBody.ReadAsync<StartRotationBody>(r, ct), r.Headers[RolloutsFunctions.IdempotencyHeader].FirstOrDefault(), ct))
            .WithName(nameof(CertificateRotationsFunctions.StartCertificateRotationAsync))
            .WithTags(Tag)
            .WithSummary("Starts a rotation: plan, approval (quorum by risk; none where a policy lets the environments run unattended), new version, deployment in waves, validation of every endpoint by TLS handshake, rollback in reverse order on failure. The same Idempotency-Key returns the same rotation.")
            .RequirePermission(Permission.RotateCertificates, scopedInHandler: true)
            .Accepts<StartRotationBody>("application/json")
            .Produces<CertificateRotation>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet(Routes.CertificateRotation, (CertificateRotationsFunctions f, string id, CancellationToken ct) => f.GetCertificateRotationAsync(id, ct))
            .WithName(nameof(CertificateRotationsFunctions.GetCertificateRotationAsync))
            .WithTags(Tag)
            .WithSummary("Gets a rotation: its report (plan, risk, approval, issued version, each usage's deployment, validation and rollback).")
            .RequirePermission(Permission.ReadCertificates)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost(Routes.CertificateRotationApprove, async (CertificateRotationsFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.ApproveCertificateRotationAsync(id, await JsonBody.ReadAsync<DecisionBody>(r, ct), RequestId(r), ct))
            .WithName(nameof(CertificateRotationsFunctions.ApproveCertificateRotationAsync))
            .WithSummary("Approves the rotation's open approval (with a comment). Its requester cannot; high risk needs several people.")
            .Decision();

        app.MapPost(Routes.CertificateRotationReject, async (CertificateRotationsFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.RejectCertificateRotationAsync(id, await JsonBody.ReadAsync<DecisionBody>(r, ct), RequestId(r), ct))
            .WithName(nameof(CertificateRotationsFunctions.RejectCertificateRotationAsync))
            .WithSummary("Rejects the rotation's open approval (with a comment): nothing changes.")
            .Decision();

        app.MapPost(Routes.CertificateRotationPause, async (CertificateRotationsFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.PauseCertificateRotationAsync(id, await JsonBody.ReadAsync<ControlBody>(r, ct), ct))
            .WithName(nameof(CertificateRotationsFunctions.PauseCertificateRotationAsync))
            .WithSummary("Pauses the rotation before its next wave until resumed.")
            .Control();

        app.MapPost(Routes.CertificateRotationResume, async (CertificateRotationsFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.ResumeCertificateRotationAsync(id, await JsonBody.ReadAsync<ControlBody>(r, ct), ct))
            .WithName(nameof(CertificateRotationsFunctions.ResumeCertificateRotationAsync))
            .WithSummary("Resumes a paused rotation.")
            .Control();

        app.MapPost(Routes.CertificateRotationCancel, async (CertificateRotationsFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.CancelCertificateRotationAsync(id, await JsonBody.ReadAsync<ControlBody>(r, ct), ct))
            .WithName(nameof(CertificateRotationsFunctions.CancelCertificateRotationAsync))
            .WithSummary("Cancels the rotation before its next wave; every usage it updated is rolled back to the previous version.")
            .Control();
        return app;
    }

    private static string RequestId(HttpRequest request) => System.Diagnostics.Activity.Current?.Id ?? request.HttpContext.TraceIdentifier;

    private static RouteHandlerBuilder Decision(this RouteHandlerBuilder builder) =>
        builder
            .WithTags(Tag)
            .RequirePermission(Permission.ApproveTasks, scopedInHandler: true)
            .Accepts<DecisionBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static RouteHandlerBuilder Control(this RouteHandlerBuilder builder) =>
        builder
            .WithTags(Tag)
            .RequirePermission(Permission.RotateCertificates, scopedInHandler: true)
            .Accepts<ControlBody>("application/json")
            .Produces<CertificateRotation>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
