using System.Text.RegularExpressions;

namespace Qlrf.Ai.Planning;

/// <summary>A prompt read for the rule-based planner: lower case, its tokens (words with their dashes, dots and colons), and phrase tests.</summary>
internal sealed partial class PromptText
{
    public PromptText(string prompt)
    {
        Raw = prompt.Trim();
        Lower = Raw.ToLowerInvariant();
        Tokens = TokenPattern().Matches(Lower).Select(m => m.Value.Trim('.', ':', '-')).Where(t => t.Length > 0).ToList();
        Spaced = " " + string.Join(' ', Tokens) + " ";
    }

    public string Raw { get; }

    public string Lower { get; }

    public IReadOnlyList<string> Tokens { get; }

    /// <summary>The tokens joined by single spaces, with a space at each end, for whole-phrase tests.</summary>
    public string Spaced { get; }

    public bool IsQuestion =>
        Lower.EndsWith('?') || Tokens.Count > 0 && QuestionWords.Contains(Tokens[0]);

    private static readonly HashSet<string> QuestionWords = new(StringComparer.Ordinal)
    {
        "what", "which", "how", "where", "when", "who", "why", "is", "are", "do", "does", "did", "show", "list", "tell", "give", "get", "find",
    };

    /// <summary>Whether any phrase occurs as whole words.</summary>
    public bool Has(params string[] phrases) => phrases.Any(p => Spaced.Contains(" " + p + " ", StringComparison.Ordinal));

    /// <summary>Whether any token starts with one of the stems.</summary>
    public bool HasStem(params string[] stems) => Tokens.Any(t => stems.Any(s => t.StartsWith(s, StringComparison.Ordinal)));

    /// <summary>The token, or its singular (servers → server).</summary>
    public bool HasWord(string word) => Tokens.Any(t => t == word || t == word + "s" || t == word + "es");

    [GeneratedRegex(@"[a-z0-9][a-z0-9._:@/-]*", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
