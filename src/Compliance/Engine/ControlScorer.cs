using Qlrf.Compliance.Frameworks;

namespace Qlrf.Compliance.Engine;

/// <summary>
/// Scores a framework's controls from its checks' object results. Pure. A manual control, or an evidenced control
/// whose checks hold no object (in the environments asked for), is <see cref="ControlOutcome.Manual"/>: never passing.
/// With environments, objects of other environments are left out; objects without one (images, the organisation's
/// audit log, asset sources) count in every view.
/// </summary>
public static class ControlScorer
{
    public static FrameworkResult Score(
        Framework framework,
        Func<CheckUse, IReadOnlyList<CheckObjectResult>> results,
        IReadOnlyCollection<string> environments,
        Func<string, string> objectKindOf,
        DateTimeOffset evaluatedAt)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(environments);
        ArgumentNullException.ThrowIfNull(objectKindOf);
        var controls = new List<ControlResult>(framework.Controls.Count);
        foreach (var control in framework.Controls)
        {
            var checkIds = control.Checks.Select(c => c.CheckId).ToList();
            if (control.IsManual)
            {
                controls.Add(new ControlResult(framework.Id, control.Id, control.Title, ControlOutcome.Manual, 0, 0, checkIds, []) { ManualEvidence = control.Manual });
                continue;
            }

            int passed = 0, failed = 0;
            var failures = new List<ControlFailure>();
            foreach (var use in control.Checks)
            {
                foreach (var r in results(use))
                {
                    if (environments.Count > 0 && r.Environment is { } env && !environments.Contains(env))
                    {
                        continue;
                    }

                    if (r.Passed)
                    {
                        passed++;
                    }
                    else
                    {
                        failed++;
                        failures.Add(new ControlFailure(r.ObjectKind, r.ObjectId, use.CheckId, r.Reason) { Environment = r.Environment, Site = r.Site });
                    }
                }
            }

            if (passed + failed == 0)
            {
                var kinds = string.Join(" or ", control.Checks.Select(c => objectKindOf(c.CheckId)).Distinct(StringComparer.Ordinal));
                var evidence = control.Manual ?? "evidence outside QL-RF";
                controls.Add(new ControlResult(framework.Id, control.Id, control.Title, ControlOutcome.Manual, 0, 0, checkIds, [])
                {
                    ManualEvidence = $"QL-RF holds no {kinds} to evidence it yet; provide {evidence}.",
                });
                continue;
            }

            var outcome = control.Scoring.Passes(passed, failed) ? ControlOutcome.Passing : ControlOutcome.Failing;
            controls.Add(new ControlResult(framework.Id, control.Id, control.Title, outcome, passed, failed, checkIds, failures) { ManualEvidence = control.Manual });
        }

        return new FrameworkResult(framework.Ref, evaluatedAt, controls);
    }
}
