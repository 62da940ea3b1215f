using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Qlrf.Connectors.Tests.Support;

namespace Qlrf.Connectors.Tests.Azure.Certificates;

/// <summary>
/// A Key Vault on a loopback TLS port, shaped like its certificates REST API: list, versions, get (latest or a
/// version), policy, create (202 and a pending operation that completes after <see cref="PendingPolls"/> polls) and
/// pending. It speaks Key Vault's challenge: a request without the expected bearer token gets a 401 whose
/// <c>WWW-Authenticate</c> names the authority and the resource, as Key Vault's does (the source sets
/// <c>DisableChallengeResourceVerification</c>, since this vault is not under <c>vault.azure.net</c>).
/// Versions hold real certificates made from the policy (self-signed for the issuer <c>Self</c>, else signed by the
/// vault's test CA), and each version's backing secret (<c>GET /secrets/{name}/{version}</c>) holds its key and chain as
/// the policy's <c>secret_props.contentType</c> says: base64 PKCS#12 or PEM (key first, then leaf and chain).
/// </summary>
public sealed partial class FakeKeyVault : IAsyncDisposable
{
    public const string Token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.EXAMPLE.vault-token";

    private readonly WebApplication app;
    private readonly Dictionary<string, Entry> certificates = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();
    private readonly X509Certificate2 authority = CreateAuthority();

    private FakeKeyVault(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Polls of a pending operation before its version is issued.</summary>
    public int PendingPolls { get; set; } = 1;

    /// <summary>Answer every request 403 (an identity without a role on the vault).</summary>
    public bool Forbidden { get; set; }

    public ConcurrentQueue<(string Method, string Path, string Query, string? Authorization)> Requests { get; } = new();

    /// <summary>The test CA that signs versions of policies whose issuer is not <c>Self</c>.</summary>
    public X509Certificate2 Authority => authority;

    public int Creates => Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/create", StringComparison.Ordinal) && r.Authorization is not null);

    public static async Task<FakeKeyVault> StartAsync(LoopbackCertificate tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.UseHttps(tls.Certificate)));
        var app = builder.Build();
        var vault = new FakeKeyVault(app);
        app.Run(vault.HandleAsync);
        await app.StartAsync();
        vault.BaseUrl = app.Urls.First().TrimEnd('/');
        return vault;
    }

    /// <summary>A key vault policy as the REST API writes it.</summary>
    public static JsonObject Policy(string subject, string[] dnsNames, string keyType = "RSA", int keySize = 2048, int validityMonths = 12, string issuer = "Self", string contentType = "application/x-pkcs12") => new()
    {
        ["key_props"] = new JsonObject { ["exportable"] = true, ["kty"] = keyType, ["key_size"] = keySize, ["reuse_key"] = false },
        ["secret_props"] = new JsonObject { ["contentType"] = contentType },
        ["x509_props"] = new JsonObject
        {
            ["subject"] = subject,
            ["sans"] = new JsonObject { ["dns_names"] = new JsonArray([.. dnsNames.Select(n => JsonValue.Create(n))]) },
            ["validity_months"] = validityMonths,
        },
        ["issuer"] = new JsonObject { ["name"] = issuer },
        ["attributes"] = new JsonObject { ["enabled"] = true },
    };

    /// <summary>Adds a certificate with <paramref name="versions"/> issued versions (the last is current).</summary>
    public void Add(string name, JsonObject policy, int versions = 1, bool enabled = true)
    {
        lock (gate)
        {
            var entry = new Entry(policy);
            certificates[name] = entry;
            for (var i = 0; i < versions; i++)
            {
                entry.Versions.Add(Issue(policy, enabled, new Dictionary<string, string>()));
            }
        }
    }

    /// <summary>Starts issuing a version out of band, as a create whose response was lost would have.</summary>
    public void BeginPending(string name, Dictionary<string, string> tags)
    {
        lock (gate)
        {
            certificates[name].Pending = new Operation(Guid.NewGuid().ToString("N"), tags);
        }
    }

    public IReadOnlyList<Version> VersionsOf(string name)
    {
        lock (gate)
        {
            return [.. certificates[name].Versions];
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        Requests.Enqueue((request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, authorization.Length == 0 ? null : authorization));
        if (authorization != "Bearer " + Token)
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = $"Bearer authorization=\"https://login.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47\", resource=\"https://vault.azure.net\"";
            await context.Response.WriteAsJsonAsync(Error("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token."));
            return;
        }

        if (Forbidden)
        {
            await WriteAsync(context, 403, Error("Forbidden", "Caller is not authorized to perform action on resource."));
            return;
        }

        if (string.IsNullOrEmpty(request.Query["api-version"]))
        {
            await WriteAsync(context, 400, Error("BadParameter", "The api-version query parameter is required."));
            return;
        }

        var body = request.ContentLength > 0 || request.Method == "POST" ? await JsonNode.ParseAsync(request.Body) : null;
        var segments = (request.Path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var (status, answer, location) = Answer(request.Method, segments, body as JsonObject);
        if (location is not null)
        {
            context.Response.Headers.Location = location;
        }

        await WriteAsync(context, status, answer);
    }

    private (int Status, JsonNode Body, string? Location) Answer(string method, string[] segments, JsonObject? body)
    {
        lock (gate)
        {
            // A certificate version's backing secret (the key material a deployer reads); other secrets are the secret source's.
            if (segments is ["secrets", var secretName, var secretVersion] && method == "GET" && certificates.ContainsKey(secretName))
            {
                var backing = certificates.GetValueOrDefault(secretName)?.Versions.FirstOrDefault(v => v.Id == secretVersion);
                return backing is null
                    ? (404, Error("SecretNotFound", $"A secret with (name/id) {secretName}/{secretVersion} was not found in this key vault."), null)
                    : (200, SecretJson(secretName, backing), null);
            }

            if (segments.Length > 0 && segments[0] == "secrets")
            {
                return AnswerSecrets(method, segments);
            }

            if (segments.Length == 0 || segments[0] != "certificates")
            {
                return (404, Error("NotFound", "no such route"), null);
            }

            if (segments.Length == 1 && method == "GET")
            {
                var items = certificates.Where(c => c.Value.Versions.Count > 0).Select(c => Item(c.Key, c.Value.Versions[^1], withVersion: false));
                return (200, new JsonObject { ["value"] = new JsonArray([.. items]), ["nextLink"] = null }, null);
            }

            if (!certificates.TryGetValue(segments[1], out var entry))
            {
                return (404, Error("CertificateNotFound", $"A certificate with (name/id) {segments[1]} was not found in this key vault."), null);
            }

            var name = segments[1];
            var action = segments.Length > 2 ? segments[2] : string.Empty;
            switch (method, action)
            {
                case ("GET", ""):
                    return entry.Versions.Count == 0 ? (404, Error("CertificateNotFound", "no version"), null) : (200, Bundle(name, entry, entry.Versions[^1]), null);
                case ("GET", "versions"):
                    return (200, new JsonObject { ["value"] = new JsonArray([.. entry.Versions.Select(v => Item(name, v, withVersion: true))]), ["nextLink"] = null }, null);
                case ("GET", "policy"):
                    return (200, PolicyJson(name, entry.Policy), null);
                case ("POST", "create"):
                    if (entry.Pending is { Completed: false })
                    {
                        return (409, Error("Conflict", $"Certificate {name} is currently being created."), null);
                    }

                    entry.Policy = (JsonObject)(body?["policy"]?.DeepClone() ?? entry.Policy);
                    var tags = body?["tags"]?.AsObject().ToDictionary(t => t.Key, t => t.Value!.GetValue<string>()) ?? [];
                    entry.Pending = new Operation(Guid.NewGuid().ToString("N"), tags);
                    return (202, OperationJson(name, entry), $"{BaseUrl}/certificates/{name}/pending?api-version=7.6");
                case ("GET", "pending"):
                    if (entry.Pending is not { } pending)
                    {
                        return (404, Error("PendingCertificateNotFound", $"Pending certificate not found: {name}"), null);
                    }

                    if (!pending.Completed && ++pending.Polls >= PendingPolls)
                    {
                        entry.Versions.Add(Issue(entry.Policy, true, pending.Tags));
                        pending.Completed = true;
                    }

                    return (200, OperationJson(name, entry), null);
                case ("GET", _):
                    var version = entry.Versions.FirstOrDefault(v => v.Id == action);
                    return version is null ? (404, Error("CertificateNotFound", $"no version {action}"), null) : (200, Bundle(name, entry, version), null);
                default:
                    return (405, Error("MethodNotAllowed", $"{method} {action}"), null);
            }
        }
    }

    private JsonObject Item(string name, Version version, bool withVersion) => new()
    {
        ["id"] = withVersion ? $"{BaseUrl}/certificates/{name}/{version.Id}" : $"{BaseUrl}/certificates/{name}",
        ["x5t"] = Base64Url(version.Certificate.GetCertHash()),
        ["attributes"] = Attributes(version),
        ["tags"] = Tags(version.Tags),
    };

    private JsonObject Bundle(string name, Entry entry, Version version) => new()
    {
        ["id"] = $"{BaseUrl}/certificates/{name}/{version.Id}",
        ["kid"] = $"{BaseUrl}/keys/{name}/{version.Id}",
        ["sid"] = $"{BaseUrl}/secrets/{name}/{version.Id}",
        ["x5t"] = Base64Url(version.Certificate.GetCertHash()),
        ["cer"] = Convert.ToBase64String(version.Certificate.RawData),
        ["attributes"] = Attributes(version),
        ["tags"] = Tags(version.Tags),
        ["policy"] = PolicyJson(name, entry.Policy),
    };

    private JsonObject SecretJson(string name, Version version) => new()
    {
        ["value"] = version.SecretValue,
        ["contentType"] = version.ContentType,
        ["id"] = $"{BaseUrl}/secrets/{name}/{version.Id}",
        ["kid"] = $"{BaseUrl}/keys/{name}/{version.Id}",
        ["managed"] = true,
        ["attributes"] = Attributes(version),
    };

    private JsonObject PolicyJson(string name, JsonObject policy)
    {
        var json = (JsonObject)policy.DeepClone();
        json["id"] = $"{BaseUrl}/certificates/{name}/policy";
        return json;
    }

    private JsonObject OperationJson(string name, Entry entry) => new()
    {
        ["id"] = $"{BaseUrl}/certificates/{name}/pending",
        ["issuer"] = new JsonObject { ["name"] = entry.Policy["issuer"]?["name"]?.GetValue<string>() ?? "Self" },
        ["csr"] = Convert.ToBase64String([0x30, 0x00]),
        ["cancellation_requested"] = false,
        ["status"] = entry.Pending!.Completed ? "completed" : "inProgress",
        ["status_details"] = entry.Pending.Completed ? null : "Pending certificate created. Certificate request is in progress.",
        ["target"] = entry.Pending.Completed ? $"{BaseUrl}/certificates/{name}" : null,
        ["request_id"] = entry.Pending.RequestId,
    };

    private static JsonObject Attributes(Version version) => new()
    {
        ["enabled"] = version.Enabled,
        ["nbf"] = new DateTimeOffset(version.Certificate.NotBefore.ToUniversalTime()).ToUnixTimeSeconds(),
        ["exp"] = new DateTimeOffset(version.Certificate.NotAfter.ToUniversalTime()).ToUnixTimeSeconds(),
        ["created"] = version.Created.ToUnixTimeSeconds(),
        ["updated"] = version.Created.ToUnixTimeSeconds(),
        ["recoveryLevel"] = "Recoverable+Purgeable",
    };

    private static JsonObject Tags(IReadOnlyDictionary<string, string> tags) =>
        new(tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value))));

    /// <summary>A version issued from the policy: its subject, SANs, key and validity, self-signed by the policy's issuer.</summary>
    private Version Issue(JsonObject policy, bool enabled, IReadOnlyDictionary<string, string> tags)
    {
        var x509 = policy["x509_props"]!;
        var key = policy["key_props"]!;
        var subject = x509["subject"]!.GetValue<string>();
        var names = new SubjectAlternativeNameBuilder();
        foreach (var dns in x509["sans"]?["dns_names"]?.AsArray() ?? [])
        {
            names.AddDnsName(dns!.GetValue<string>());
        }

        var notBefore = TimeProvider.System.GetUtcNow().AddMinutes(-5);
        var notAfter = notBefore.AddMonths(x509["validity_months"]?.GetValue<int>() ?? 12);
        var signedByAuthority = policy["issuer"]?["name"]?.GetValue<string>() is { } issuer && issuer != "Self";
        using var created = key["kty"]!.GetValue<string>().StartsWith("EC", StringComparison.Ordinal)
            ? Create(ECDsa.Create(ECCurve.NamedCurves.nistP256), subject, names, notBefore, notAfter, signedByAuthority ? authority : null)
            : Create(RSA.Create(key["key_size"]?.GetValue<int>() ?? 2048), subject, names, notBefore, notAfter, signedByAuthority ? authority : null);
        var certificate = X509CertificateLoader.LoadCertificate(created.RawData);
        var contentType = policy["secret_props"]?["contentType"]?.GetValue<string>() ?? "application/x-pkcs12";
        var chain = signedByAuthority ? new X509Certificate2Collection { created, X509CertificateLoader.LoadCertificate(authority.RawData) } : new X509Certificate2Collection { created };
        var value = contentType == "application/x-pem-file"
            ? (created.GetRSAPrivateKey() is { } rsaKey ? rsaKey.ExportPkcs8PrivateKeyPem() : created.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem())
                + "\n" + string.Concat(chain.Select(c => c.ExportCertificatePem() + "\n"))
            : Convert.ToBase64String(chain.Export(X509ContentType.Pkcs12)!);
        return new Version(Guid.NewGuid().ToString("N"), certificate, enabled, TimeProvider.System.GetUtcNow(), new Dictionary<string, string>(tags), value, contentType);
    }

    /// <summary>A certificate with its key: self-signed, or signed by <paramref name="signer"/>.</summary>
    private static X509Certificate2 Create(AsymmetricAlgorithm key, string subject, SubjectAlternativeNameBuilder names, DateTimeOffset notBefore, DateTimeOffset notAfter, X509Certificate2? signer)
    {
        using (key)
        {
            var request = key is RSA rsa
                ? new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                : new CertificateRequest(subject, (ECDsa)key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(names.Build());
            if (signer is null)
            {
                return request.CreateSelfSigned(notBefore, notAfter);
            }

            using var signerKey = signer.GetRSAPrivateKey()!;
            using var signed = request.Create(signer.SubjectName, X509SignatureGenerator.CreateForRSA(signerKey, RSASignaturePadding.Pkcs1), notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
            return key is RSA r ? signed.CopyWithPrivateKey(r) : signed.CopyWithPrivateKey((ECDsa)key);
        }
    }

    private static X509Certificate2 CreateAuthority()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Fake Vault Issuing CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = TimeProvider.System.GetUtcNow();
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static JsonObject Error(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(JsonSerializerOptions.Default));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        foreach (var version in certificates.Values.SelectMany(c => c.Versions))
        {
            version.Certificate.Dispose();
        }

        authority.Dispose();
    }

    /// <summary>One issued version.</summary>
    public sealed record Version(string Id, X509Certificate2 Certificate, bool Enabled, DateTimeOffset Created, IReadOnlyDictionary<string, string> Tags, string SecretValue, string ContentType);

    private sealed class Entry(JsonObject policy)
    {
        public JsonObject Policy { get; set; } = policy;

        public List<Version> Versions { get; } = [];

        public Operation? Pending { get; set; }
    }

    private sealed class Operation(string requestId, IReadOnlyDictionary<string, string> tags)
    {
        public string RequestId => requestId;

        public IReadOnlyDictionary<string, string> Tags => tags;

        public int Polls { get; set; }

        public bool Completed { get; set; }
    }
}
