using System.ComponentModel.DataAnnotations;

namespace Qlrf.Api.Infrastructure;

/// <summary>Limits on what one request may send, section <c>Qlrf:Api:Limits</c>.</summary>
public sealed class ApiLimitsOptions
{
    public const string Section = "Qlrf:Api:Limits";

    /// <summary>The largest request body accepted, in bytes; larger gets 413. Default 1 MB (1048576). Imports have their own limit.</summary>
    [Range(1024, 104_857_600, ErrorMessage = "Qlrf:Api:Limits:MaxRequestBodyBytes must be between 1024 and 104857600.")]
    public long MaxRequestBodyBytes { get; set; } = 1_048_576;

    /// <summary>
    /// The largest file an import route accepts (a scanner report or SBOM, <see cref="ImportEndpoint"/>), in bytes;
    /// larger gets 413. Imports are parsed as they stream in, so memory does not grow with this. Default 64 MiB (67108864).
    /// </summary>
    [Range(1024, 1_073_741_824, ErrorMessage = "Qlrf:Api:Limits:MaxImportBodyBytes must be between 1024 and 1073741824.")]
    public long MaxImportBodyBytes { get; set; } = 67_108_864;

    /// <summary>How deeply a JSON body (imported files included) may nest objects and arrays; deeper gets 400. Default 32.</summary>
    [Range(2, 64, ErrorMessage = "Qlrf:Api:Limits:MaxJsonDepth must be between 2 and 64.")]
    public int MaxJsonDepth { get; set; } = 32;
}

/// <summary>
/// Request rates, section <c>Qlrf:Api:RateLimits</c>: fixed windows per caller (each API key or signed-in
/// user), per organisation, and per client address for requests without valid credentials; per client
/// address and endpoint for the chat callbacks and approval links. Public probes are not limited. Limits
/// are per host process.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Qlrf:Api:RateLimits";

    /// <summary>Requests one caller may make per window. Default 600.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Qlrf:Api:RateLimits:PerCallerPermitLimit must be between 1 and 1000000.")]
    public int PerCallerPermitLimit { get; set; } = 600;

    /// <summary>Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Qlrf:Api:RateLimits:PerCallerWindow must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan PerCallerWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests all callers of one organisation may make per window. Default 3000.</summary>
    [Range(1, 10_000_000, ErrorMessage = "Qlrf:Api:RateLimits:PerOrganisationPermitLimit must be between 1 and 10000000.")]
    public int PerOrganisationPermitLimit { get; set; } = 3000;

    /// <summary>Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Qlrf:Api:RateLimits:PerOrganisationWindow must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan PerOrganisationWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests without valid credentials one client address may make per window (this bounds password-guessing of keys). Default 60.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Qlrf:Api:RateLimits:AnonymousPermitLimit must be between 1 and 1000000.")]
    public int AnonymousPermitLimit { get; set; } = 60;

    /// <summary>Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Qlrf:Api:RateLimits:AnonymousWindow must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan AnonymousWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Requests one client address may make per window to each endpoint that authenticates callers itself
    /// (the Slack and Teams callbacks, approval links). Default 120.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Qlrf:Api:RateLimits:ChannelPermitLimit must be between 1 and 1000000.")]
    public int ChannelPermitLimit { get; set; } = 120;

    /// <summary>Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Qlrf:Api:RateLimits:ChannelWindow must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan ChannelWindow { get; set; } = TimeSpan.FromMinutes(1);
}
