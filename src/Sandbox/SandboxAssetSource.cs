using Qlrf.Discovery;

namespace Qlrf.Sandbox;

/// <summary>
/// The asset source of the built-in sandbox platform: it reads its estate file afresh on every sweep, so
/// an edit to the file shows up as changes on the next sweep. A file that does not read fails the sweep.
/// </summary>
public sealed class SandboxAssetSource(AssetSourceDefinition definition, string estateFile) : IAssetSource
{
    public string Name => definition.Name;

    public string Organisation => definition.Organisation;

    /// <summary>The estate file as configured.</summary>
    public string EstateFile { get; } = estateFile;

    public Task DiscoverAsync(ISweepSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var path = EstatePath.Resolve(EstateFile)
            ?? throw new EstateFileException(EstateFile, 0, "(file)", $"the estate file was not found (looked in {Path.GetFullPath(EstateFile)}).");
        var estate = EstateFileReader.Read(path, EstateFile);
        if (estate.Organisation.Id != Organisation)
        {
            throw new EstateFileException(EstateFile, 1, "organisation.id", $"'{estate.Organisation.Id}' is not the organisation of source '{Name}' ({Organisation}).");
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (var site in estate.Sites)
        {
            sink.AddSite(site);
        }

        foreach (var asset in estate.Assets)
        {
            sink.AddAsset(asset);
        }

        return Task.CompletedTask;
    }
}
