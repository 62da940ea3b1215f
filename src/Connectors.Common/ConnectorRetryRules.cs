using System.Net;

namespace Qlrf.Connectors;

/// <summary>
/// How a platform's error answers are told apart beyond their status: which mean "slow down" besides 429 and 503
/// (GCP's 403 rateLimitExceeded), and which must not be retried although their status is usually transient
/// (vCenter's too_many_matches comes as a 500). Both read the start of the error body.
/// </summary>
public sealed class ConnectorRetryRules
{
    /// <summary>Rules that look at the status only: 429 and 503 are throttling; 408, 500, 502 and 504 are transient.</summary>
    public static readonly ConnectorRetryRules StatusOnly = new();

    /// <summary>Tells whether an error answer means "slow down" beyond 429 and 503.</summary>
    public Func<HttpStatusCode, string, bool>? IsThrottled { get; init; }

    /// <summary>Tells whether an error answer must not be retried even though its status is usually transient.</summary>
    public Func<HttpStatusCode, string, bool>? IsPermanent { get; init; }

    /// <summary>Whether the rules read the error body (else it is left unread for the caller).</summary>
    internal bool ReadsBody => IsThrottled is not null || IsPermanent is not null;

    /// <summary>What an error answer calls for.</summary>
    internal HttpVerdict Judge(HttpStatusCode status, string body)
    {
        if ((int)status is >= 200 and < 300)
        {
            return HttpVerdict.Done;
        }

        if (IsPermanent?.Invoke(status, body) == true)
        {
            return HttpVerdict.Fail;
        }

        if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable || IsThrottled?.Invoke(status, body) == true)
        {
            return HttpVerdict.Throttled;
        }

        return status is HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
            ? HttpVerdict.Transient
            : HttpVerdict.Fail;
    }
}

/// <summary>What one answer calls for: done, retried after throttling, retried as transient, or failed for good.</summary>
internal enum HttpVerdict
{
    Done,
    Throttled,
    Transient,
    Fail,
}
