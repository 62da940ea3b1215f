using System.Text.RegularExpressions;
using Qlrf.Inventory;
using Qlrf.Json;

namespace Qlrf.Ai.Planning;

public sealed partial class RuleBasedPlanner
{
    private static readonly Dictionary<string, string[]> EnvironmentWords = new(StringComparer.Ordinal)
    {
        ["prod"] = ["prod", "production", "live"],
        ["production"] = ["prod", "production", "live"],
        ["staging"] = ["staging", "stage", "preprod", "pre-prod"],
        ["dev"] = ["dev", "development"],
        ["test"] = ["test", "qa"],
        ["dr"] = ["dr-environment"],
    };

    private static readonly Dictionary<string, string[]> PlatformWords = new(StringComparer.Ordinal)
    {
        ["aws"] = ["aws", "ec2", "amazon"],
        ["azure"] = ["azure"],
        ["gcp"] = ["gcp", "google"],
        ["vsphere"] = ["vsphere", "vmware", "on-prem", "on-premises"],
        ["kubernetes"] = ["kubernetes", "k8s"],
    };

    private static AiScope Scope(PromptText text, AiVocabulary vocabulary)
    {
        var pair = vocabulary.Pairs.Where(p => text.Tokens.Contains(p)).OrderByDescending(p => p.Length).FirstOrDefault();
        var patchSet = vocabulary.PatchSets.Where(p => text.Tokens.Contains(p)).OrderByDescending(p => p.Length).FirstOrDefault();
        var certificate = CertificateOf(text.Tokens, vocabulary);
        var tokens = text.Tokens.Where(t => t != pair && t != patchSet && !vocabulary.Certificates.ContainsKey(t)).ToList();
        var words = new HashSet<string>(tokens, StringComparer.Ordinal);
        var environments = vocabulary.Environments
            .Where(e => words.Contains(e) || EnvironmentWords.TryGetValue(e, out var synonyms) && synonyms.Any(words.Contains))
            .Order(StringComparer.Ordinal).ToList();
        var sites = vocabulary.Sites.Where(s => words.Contains(s) || SiteSuffix(s) is { } suffix && words.Contains(suffix)).Order(StringComparer.Ordinal).ToList();
        var platforms = PlatformWords
            .Where(p => p.Value.Any(words.Contains) && EnumText<Platform>.TryParse(p.Key, out _))
            .Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        var family = patchSet is null ? Family(words, vocabulary) : null;
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in vocabulary.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var value = values.Where(v => tokens.Any(t => t == v || t == v + "s")).OrderByDescending(v => v.Length).FirstOrDefault();
            if (value is not null && text.Has(value + " centre", value + " center", value + " centres", value + " centers"))
            {
                value = null;
            }

            if (value is not null && family?.StartsWith(value, StringComparison.Ordinal) != true && !tags.ContainsValue(value))
            {
                tags[key] = value;
            }
        }

        var versions = tokens.Where(t => VersionPattern().IsMatch(t)).Distinct().ToList();
        return new AiScope
        {
            Environments = environments,
            Sites = sites,
            Platforms = platforms,
            Tags = tags,
            ImageFamily = family,
            ImageVersion = versions.Count > 0 ? versions[^1] : null,
            DrPair = pair,
            PatchSet = patchSet,
            Certificate = certificate,
        };
    }

    /// <summary>A site's region part (aws-us-east-1 → us-east-1, dc-london → london), which prompts use alone.</summary>
    private static string? SiteSuffix(string site)
    {
        var dash = site.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && dash < site.Length - 1 ? site[(dash + 1)..] : null;
    }

    /// <summary>The family named in full, or by its first part when that names one family only (ubuntu → ubuntu-2204-base).</summary>
    private static string? Family(HashSet<string> words, AiVocabulary vocabulary)
    {
        if (vocabulary.Families.Where(words.Contains).OrderByDescending(f => f.Length).FirstOrDefault() is { } exact)
        {
            return exact;
        }

        foreach (var word in words.Where(w => w.Length >= 4))
        {
            var matches = vocabulary.Families.Where(f => f.StartsWith(word + "-", StringComparison.Ordinal) || f.Split('-')[0] == word).ToList();
            if (matches.Count == 1)
            {
                return matches[0];
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\d+(\.\d+)+(-\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
