using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Qlrf.Discovery;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Vsphere;

/// <summary>
/// Discovers VMs on every configured vCenter, datacenter by datacenter (host by host where a datacenter
/// has more VMs than one list returns), with their vSphere tags and the content library templates they
/// were cloned from. A vCenter that cannot be read makes the sweep partial.
/// </summary>
public sealed class VsphereAssetSource : IAssetSource
{
    private const int TagBatch = 500;
    private readonly AssetSourceDefinition definition;
    private readonly VsphereSourceOptions options;
    private readonly string settingPath;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly VmAssetMapper mapper;
    private readonly Dictionary<string, X509Certificate2> authorities = new(StringComparer.Ordinal);

    internal VsphereAssetSource(AssetSourceDefinition definition, VsphereSourceOptions options, string settingPath, TimeProvider time, ILogger logger)
    {
        this.definition = definition;
        this.options = options;
        this.settingPath = settingPath;
        this.time = time;
        this.logger = logger;
        mapper = new VmAssetMapper(options);
    }

    public string Name => definition.Name;

    public string Organisation => definition.Organisation;

    public Task DiscoverAsync(ISweepSink sink, CancellationToken cancellationToken) =>
        ScopeSweep.RunAsync(
            Name,
            options.Vcenters.Select((v, i) => (Vcenter: v, Index: i)).ToList(),
            options.MaxParallelScopes,
            sink,
            logger,
            "vsphere",
            v => new SweepScope($"{Name}/{v.Vcenter.Name}", $"vCenter {v.Vcenter.Name}"),
            (v, scopeSink, token) => ReadVcenterAsync(v.Vcenter, v.Index, scopeSink, token),
            cancellationToken);

    private async Task ReadVcenterAsync(VcenterOptions vcenter, int index, ISweepSink sink, CancellationToken cancellationToken)
    {
        var name = vcenter.Name!;
        var at = $"{settingPath}:Vcenters:{index}";
        using var httpClient = ConnectorHttp.CreateClient(ConnectorHttp.CreateHandler(vcenter.CaCertificateFile is null ? null : Authority(vcenter.CaCertificateFile)));
        var http = new ResilientHttpClient(httpClient, options.Http, time, logger, "vsphere", new ConnectorRetryRules { IsPermanent = VcenterClient.IsTooManyMatches })
        {
            DescribeError = VcenterClient.DescribeError,
        };
        var client = new VcenterClient(http, new Uri(vcenter.Url!.TrimEnd('/') + "/"), name, () => (
            EnvironmentSecret.Read(vcenter.UsernameVariable!, $"{at}:UsernameVariable"),
            EnvironmentSecret.Read(vcenter.PasswordVariable!, $"{at}:PasswordVariable")));
        await client.LoginAsync(cancellationToken);
        try
        {
            var templates = await TemplatesAsync(client, cancellationToken);
            var tags = new TagResolver(client);
            foreach (var datacenter in await client.DatacentersAsync(cancellationToken))
            {
                sink.AddSite(new Site(VmAssetMapper.SiteName(name, datacenter.Name), Platform.Vsphere, datacenter.Name, SiteKind.DataCentre));
                var vms = await VmsAsync(client, name, datacenter, cancellationToken);
                foreach (var batch in vms.Chunk(TagBatch))
                {
                    var attached = await tags.ResolveAsync(batch.Select(v => v.Vm), cancellationToken);
                    foreach (var vm in batch)
                    {
                        sink.AddAsset(mapper.Map(name, datacenter.Name, vm, attached.GetValueOrDefault(vm.Vm) ?? TagResolver.None, templates));
                    }
                }

                VsphereLogs.DatacenterRead(logger, Name, vms.Count, datacenter.Name, name);
            }
        }
        finally
        {
            await client.LogoutAsync();
        }
    }

    /// <summary>The VMs of a datacenter; host by host when the datacenter holds more than one list returns.</summary>
    private async Task<List<VmSummary>> VmsAsync(VcenterClient client, string vcenter, DatacenterSummary datacenter, CancellationToken cancellationToken)
    {
        try
        {
            return await client.VmsAsync("datacenters", datacenter.Datacenter, cancellationToken);
        }
        catch (ConnectorHttpException ex) when (ex.Message.Contains("com.vmware.api.vcenter.vm.too_many_matches", StringComparison.Ordinal))
        {
            VsphereLogs.ListingByHost(logger, datacenter.Name, vcenter);
            var vms = new List<VmSummary>();
            foreach (var host in await client.HostsAsync(datacenter.Datacenter, cancellationToken))
            {
                vms.AddRange(await client.VmsAsync("hosts", host.Host, cancellationToken));
            }

            return vms;
        }
    }

    /// <summary>The VM templates and OVF templates of every content library, by name.</summary>
    private static async Task<Dictionary<string, LibraryItem>> TemplatesAsync(VcenterClient client, CancellationToken cancellationToken)
    {
        var templates = new Dictionary<string, LibraryItem>(StringComparer.Ordinal);
        foreach (var library in await client.LibrariesAsync(cancellationToken))
        {
            foreach (var id in await client.LibraryItemIdsAsync(library, cancellationToken))
            {
                var item = await client.LibraryItemAsync(id, cancellationToken);
                if (item.Type is "vm-template" or "ovf")
                {
                    templates.TryAdd(item.Name, item);
                }
            }
        }

        return templates;
    }

    /// <summary>A CA file's certificate, loaded once for the life of the source.</summary>
    private X509Certificate2 Authority(string file)
    {
        lock (authorities)
        {
            if (!authorities.TryGetValue(file, out var ca))
            {
                authorities[file] = ca = X509Certificate2.CreateFromPem(File.ReadAllText(file));
            }

            return ca;
        }
    }
}
