namespace Qlrf.Sandbox.Images;

/// <summary>Settings of the sample golden images, section <c>Qlrf:Images</c>.</summary>
public sealed class SampleImagesOptions
{
    public const string Section = "Qlrf:Images";

    /// <summary>
    /// The sample images file loaded into the default organisation at start-up (each family only when it
    /// is absent). Relative paths are taken from the working directory, then the application's directory.
    /// Empty turns the samples off. Default <c>samples/images.yaml</c>.
    /// </summary>
    public string SampleFile { get; set; } = "samples/images.yaml";
}
