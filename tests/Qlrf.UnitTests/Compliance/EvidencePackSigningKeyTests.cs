using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Compliance.Evidence;
using Qlrf.Compliance.EvidencePacks;

namespace Qlrf.UnitTests.Compliance;

public sealed class EvidencePackSigningKeyTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("qlrf-signing-").FullName;

    [Fact]
    public void Without_configuration_the_local_key_is_generated_once_kept_and_announced()
    {
        var path = Path.Combine(directory, "data", "evidence-signing-key.pem");
        var logger = new ListLogger();
        using var first = Key(new EvidencePackSigningOptions { LocalKeyPath = path }, logger);
        var fingerprint = first.Fingerprint;
        using var second = Key(new EvidencePackSigningOptions { LocalKeyPath = path });

        Assert.Equal(fingerprint, second.Fingerprint);
        Assert.Equal("ES256", first.Algorithm);
        Assert.Equal("local:" + path, first.Source);
        var line = Assert.Single(logger.Lines);
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains("Qlrf:Compliance:Signing:KeyPath", line, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void With_no_key_and_no_local_path_signing_fails_naming_the_setting()
    {
        using var key = Key(new EvidencePackSigningOptions());

        var error = Assert.Throws<InvalidOperationException>(() => key.Sign("x"u8));

        Assert.StartsWith("Missing setting 'Qlrf:Compliance:Signing:Key'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pem_value_signs_and_the_signature_verifies_with_its_public_key()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = Key(new EvidencePackSigningOptions { Key = ecdsa.ExportPkcs8PrivateKeyPem() });

        var signature = key.Sign("index"u8);

        Assert.Equal("Qlrf:Compliance:Signing:Key", key.Source);
        Assert.Null(EvidencePackSignature.Check(EvidencePackSignature.PublicKeyPem(ecdsa), signature, "index"u8));
    }

    [Fact]
    public void A_pfx_with_an_rsa_key_signs_with_rsa_pss()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=evidence", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        var path = Path.Combine(directory, "signing.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pw"));
        using var key = Key(new EvidencePackSigningOptions { KeyPath = path, KeyPassword = "pw" });

        var signature = key.Sign("index"u8);

        Assert.Equal("PS256", key.Algorithm);
        Assert.Null(EvidencePackSignature.Check(certificate.ExportCertificatePem(), signature, "index"u8));
    }

    [Theory]
    [InlineData("missing.pem", "Setting 'Qlrf:Compliance:Signing:KeyPath' names")]
    [InlineData("garbage.pem", "Setting 'Qlrf:Compliance:Signing:KeyPath' holds no readable ECDSA or RSA private key")]
    [InlineData("p384.pem", "Setting 'Qlrf:Compliance:Signing:KeyPath' holds an ECDSA key on a 384-bit curve")]
    [InlineData("public.pem", "Setting 'Qlrf:Compliance:Signing:KeyPath' holds no readable ECDSA or RSA private key")]
    [InlineData("wrong-password.pfx", "Setting 'Qlrf:Compliance:Signing:KeyPath': cannot read the PFX")]
    public void A_configured_key_that_cannot_sign_fails_validation_naming_the_setting(string file, string expected)
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(Path.Combine(directory, "garbage.pem"), "-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n");
        File.WriteAllText(Path.Combine(directory, "p384.pem"), p384.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(directory, "public.pem"), p256.ExportSubjectPublicKeyInfoPem());
        using var certificate = new CertificateRequest("CN=x", p256, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(1));
        File.WriteAllBytes(Path.Combine(directory, "wrong-password.pfx"), certificate.Export(X509ContentType.Pfx, "right"));
        var options = new EvidencePackSigningOptions { KeyPath = Path.Combine(directory, file), KeyPassword = "wrong" };

        var result = new EvidencePackSigningOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_configured_passes_validation() =>
        Assert.True(new EvidencePackSigningOptionsValidator().Validate(null, new EvidencePackSigningOptions()).Succeeded);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static EvidencePackSigningKey Key(EvidencePackSigningOptions options, ILogger<EvidencePackSigningKey>? logger = null) =>
        new(Options.Create(options), logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<EvidencePackSigningKey>.Instance);

    private sealed class ListLogger : ILogger<EvidencePackSigningKey>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
