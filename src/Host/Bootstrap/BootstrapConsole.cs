using System.Globalization;
using Qlrf.Identity.ApiKeys;

namespace Qlrf.Host.Bootstrap;

/// <summary>
/// Where the bootstrap admin key is shown: the process's standard output, written directly and never
/// through a logger, so that no log provider (file, OpenTelemetry) ever receives it. The key appears once.
/// </summary>
public sealed class BootstrapConsole(TextWriter output)
{
    public void Print(IssuedApiKey issued, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(issued);
        var key = issued.Key;
        var text = string.Create(CultureInfo.InvariantCulture, $"""

            QL-RF created a bootstrap admin key for organisation '{key.Organisation}' (key id {key.Id}).
            It is shown only this once and stored only as a hash:

                export QLRF_KEY={issued.Token}
                curl -H "Authorization: Bearer $QLRF_KEY" {baseUrl}/api/v1/rbac/me

            Create named keys for people and automation (POST /api/v1/api-keys), then revoke this one
            (DELETE /api/v1/api-keys/{key.Id}). It expires at {key.ExpiresAt:u}.

            """);
        lock (output)
        {
            output.Write(text);
            output.Flush();
        }
    }
}
