using System.ComponentModel.DataAnnotations;

namespace Qlrf.Ai;

/// <summary>The copilot's settings (section <c>Qlrf:Ai</c>).</summary>
public sealed class AiOptions
{
    public const string Section = "Qlrf:Ai";

    /// <summary>The autonomy of a task that names none. Default <c>approve_all</c>.</summary>
    public AiAutonomy DefaultAutonomy { get; set; } = AiAutonomy.ApproveAll;

    /// <summary>How long a plan waits for a person's decision before it expires (nothing proposed). Default 24 hours.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often a running task looks at the workflows it proposed. Default 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FollowInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a task follows its workflows before it completes without their end. Default 7 days.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "60.00:00:00")]
    public TimeSpan FollowTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The longest prompt accepted, in characters. Default 2000.</summary>
    [Range(1, 20_000)]
    public int MaxPromptLength { get; set; } = 2000;

    /// <summary>The most characters of one tool's output kept (and ever sent to a model). Default 4000.</summary>
    [Range(256, 100_000)]
    public int MaxToolOutputChars { get; set; } = 4000;

    /// <summary>The most items of a list a tool returns (assets, findings, audit entries). Default 25.</summary>
    [Range(1, 500)]
    public int MaxToolItems { get; set; } = 25;
}
