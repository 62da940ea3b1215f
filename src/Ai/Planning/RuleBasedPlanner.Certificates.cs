using System.Text.RegularExpressions;

namespace Qlrf.Ai.Planning;

public sealed partial class RuleBasedPlanner
{
    /// <summary>
    /// The certificate intent of a request, or null when it is not about certificates: it says certificate (cert, TLS,
    /// SSL), or names one of the organisation's certificates with a rotation, usage or expiry word.
    /// </summary>
    private static AiIntent? CertificateIntentOf(PromptText text, AiScope scope)
    {
        var rotate = text.HasStem("rotat", "renew", "reissu", "re-issu", "regenerat") || text.Has("replace");
        var usage = text.HasStem("usage", "depend", "impact", "affect") || text.Has("blast radius", "what uses", "who uses", "which uses", "uses", "use", "used", "using", "what breaks", "would break", "will break", "breaks");
        var expiry = text.HasStem("expir") || text.Has("run out", "runs out", "valid until", "due for renewal", "need renewing", "needs renewing", "need renewal");
        if (!text.HasStem("certificate", "cert", "tls", "ssl", "x509") && !(scope.Certificate is not null && (rotate || usage || expiry)))
        {
            return null;
        }

        return rotate && !text.IsQuestion ? AiIntent.CertificateRotation
            : usage && !expiry || usage && scope.Certificate is not null ? AiIntent.CertificateUsage
            : AiIntent.CertificateExpiry;
    }

    private static TaskSpec Certificates(AiIntent intent, PromptText text, AiScope scope) => intent switch
    {
        AiIntent.CertificateRotation => scope.Certificate is null
            ? TaskSpec.Clarify("A rotation needs one certificate named; I will not pick one.", "Which certificate should be rotated (its name, e.g. shop-web)?")
            : Spec(intent, new AiScope { Certificate = scope.Certificate },
                $"Reads what uses {scope.Certificate}, then proposes its rotation: after your approval it starts, waits for its own approval, deploys in waves and validates every endpoint.",
                AiToolCall.Of(AiToolNames.CertificateUsage, new { certificate = scope.Certificate }),
                AiToolCall.Of(AiToolNames.ProposeCertificateRotation, new { certificate = scope.Certificate })),
        AiIntent.CertificateUsage => scope.Certificate is null
            ? TaskSpec.Clarify("Usage of which certificate?", "Name the certificate (e.g. shop-web).")
            : Spec(intent, new AiScope { Certificate = scope.Certificate }, $"Reads the blast radius of {scope.Certificate}.", AiToolCall.Of(AiToolNames.CertificateUsage, new { certificate = scope.Certificate })),
        _ => Expiry(text, scope),
    };

    private static TaskSpec Expiry(PromptText text, AiScope scope)
    {
        var days = ExpiryDaysPattern().Match(text.Lower) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : text.Has("this week", "next week", "a week") ? 7
            : text.Has("this quarter", "next quarter", "three months", "3 months") ? 90
            : text.Has("already expired", "have expired", "has expired", "are expired", "is expired", "expired") && !text.HasStem("expiring") ? 0
            : Tools.AiTools.DefaultExpiryDays;
        var arguments = new Dictionary<string, object>(StringComparer.Ordinal) { ["withinDays"] = days };
        AddOne(arguments, "environment", scope.Environments);
        if (IssuerPattern().Match(text.Lower) is { Success: true } issuer)
        {
            arguments["issuer"] = issuer.Groups[1].Value;
        }

        var environments = scope.Environments.Count > 0 ? [scope.Environments[0]] : Array.Empty<string>();
        return Spec(AiIntent.CertificateExpiry, new AiScope { Environments = environments }, $"Lists the certificates expiring within {days} days, with the counts by expiry bucket.", AiToolCall.Of(AiToolNames.CertificateExpiry, arguments));
    }

    /// <summary>The one certificate the tokens name (by id or by name), or null when none or several are named.</summary>
    private static string? CertificateOf(IReadOnlyList<string> tokens, AiVocabulary vocabulary)
    {
        var named = tokens.Select(t => vocabulary.Certificates.GetValueOrDefault(t)).Where(id => id is not null).Distinct(StringComparer.Ordinal).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    [GeneratedRegex(@"(?:within|in|next|coming|the next|over the next)\s+(\d{1,4})\s+days?", RegexOptions.CultureInvariant)]
    private static partial Regex ExpiryDaysPattern();

    [GeneratedRegex(@"issued by ([a-z0-9][a-z0-9.'-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex IssuerPattern();
}
