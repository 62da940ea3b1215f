using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Qlrf.Connectors.Kubernetes;

namespace Qlrf.Connectors.Tests.Kubernetes;

public sealed class KubeconfigTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qlrf-kubeconfig-").FullName;

    private string Write(string yaml)
    {
        var path = Path.Combine(folder, "config");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void A_client_certificate_and_ca_are_read_from_inline_data()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=qlrf-discovery", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(50), DateTimeOffset.UnixEpoch.AddYears(60));
        static string B64(string pem) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pem));
        var path = Write($"""
            current-context: prod
            clusters:
            - name: prod
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority-data: {B64(certificate.ExportCertificatePem())}
            contexts:
            - name: prod
              context: {"{"}cluster: prod, user: qlrf{"}"}
            users:
            - name: qlrf
              user:
                client-certificate-data: {B64(certificate.ExportCertificatePem())}
                client-key-data: {B64(key.ExportPkcs8PrivateKeyPem())}
            """);

        var connection = KubernetesConnection.Configuration(new KubernetesClusterOptions { Name = "prod", Kubeconfig = path });

        Assert.Equal("https://10.0.0.1:6443", connection.Host);
        Assert.Equal(B64(certificate.ExportCertificatePem()), connection.ClientCertificateData);
        Assert.Equal(B64(key.ExportPkcs8PrivateKeyPem()), connection.ClientCertificateKeyData);
        Assert.Equal(certificate.Thumbprint, Assert.Single(connection.SslCaCerts!).Thumbprint);
        Assert.Null(connection.AccessToken);
    }

    [Fact]
    public void A_named_context_picks_its_cluster_and_user()
    {
        var path = Write("""
            current-context: a
            clusters:
            - {name: a, cluster: {server: "https://a.example:6443"}}
            - {name: b, cluster: {server: "https://b.example:6443"}}
            contexts:
            - {name: a, context: {cluster: a, user: u}}
            - {name: b, context: {cluster: b, user: u}}
            users:
            - {name: u, user: {token: from-b}}
            """);

        var connection = KubernetesConnection.Configuration(new KubernetesClusterOptions { Name = "b", Kubeconfig = path, Context = "b" });

        Assert.Equal("https://b.example:6443", connection.Host);
        Assert.Equal("from-b", connection.AccessToken);
    }

    [Fact]
    public async Task A_token_file_is_read_relative_to_the_kubeconfig_and_again_when_it_rotates()
    {
        File.WriteAllText(Path.Combine(folder, "token"), "from-file");
        var path = Write("""
            current-context: a
            clusters:
            - {name: a, cluster: {server: "https://a.example:6443"}}
            contexts:
            - {name: a, context: {cluster: a, user: u}}
            users:
            - {name: u, user: {tokenFile: token}}
            """);

        var connection = KubernetesConnection.Configuration(new KubernetesClusterOptions { Name = "a", Kubeconfig = path });

        Assert.Null(connection.AccessToken);
        var header = await connection.TokenProvider!.GetAuthenticationHeaderAsync(CancellationToken.None);
        Assert.Equal("Bearer from-file", header.ToString());
    }

    [Theory]
    [InlineData("token: t", "asks to skip TLS verification", true)]
    [InlineData("token: t", "missing", false, "missing")]
    public void Unsafe_or_broken_settings_are_refused_with_a_clear_error(string user, string expected, bool insecure = false, string? context = null)
    {
        var skip = insecure ? "    insecure-skip-tls-verify: true\n" : string.Empty;
        var path = Write($"""
            current-context: a
            clusters:
            - name: a
              cluster:
                server: https://a.example:6443
            {skip}contexts:
            - name: a
              context: {"{"}cluster: a, user: u{"}"}
            users:
            - name: u
              user:
                {user}
            """);

        var error = Assert.Throws<ConnectorException>(() => KubernetesConnection.Configuration(new KubernetesClusterOptions { Name = "a", Kubeconfig = path, Context = context }));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("nginx", "nginx", "latest", null)]
    [InlineData("nginx:1.27", "nginx", "1.27", null)]
    [InlineData("registry.example.com:5000/team/app", "registry.example.com:5000/team/app", "latest", null)]
    [InlineData("registry.example.com:5000/team/app:1.4.0", "registry.example.com:5000/team/app", "1.4.0", null)]
    [InlineData("app@sha256:abc", "app", null, "sha256:abc")]
    [InlineData("ghcr.io/a/b:2.0@sha256:def", "ghcr.io/a/b", "2.0", "sha256:def")]
    public void Container_images_split_into_repository_tag_and_digest(string image, string repository, string? tag, string? digest) =>
        Assert.Equal(new ContainerImage(repository, tag, digest), ContainerImage.Parse(image));

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
