using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Approvals;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Notifications;
using Qlrf.Orchestration;
using Qlrf.Security;

namespace Qlrf.Workflows;

public static class OrchestrationCoreServiceCollectionExtensions
{
    /// <summary>
    /// What every workflow shares: approvals (service, activities including signed links, the listener that hands
    /// decisions to the waiting orchestration, and access decisions on who may decide) and the notify activity.
    /// </summary>
    public static IHostApplicationBuilder AddWorkflowCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IAccessEvaluator, AccessEvaluator>();
        builder.Services.AddSingleton<ApprovalService>();
        builder.Services.AddSingleton<IApprovalListener, OrchestrationApprovalListener>();
        builder.Services.AddOrchestrationTasks(r => r
            .AddActivity<OpenApprovalActivity>(nameof(OpenApprovalActivity))
            .AddActivity<ExpireApprovalActivity>(nameof(ExpireApprovalActivity))
            .AddActivity<IssueApprovalLinksActivity>(nameof(IssueApprovalLinksActivity))
            .AddActivity<NotifyActivity>(nameof(NotifyActivity)));
        return builder;
    }
}
