using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Qlrf.Bench.Connectors;

/// <summary>
/// A loopback EC2 that serves DescribeInstances pages built from one recorded instance element, and
/// DescribeImages for whatever AMIs are asked. Each page is rendered once to a file and then sent from
/// disk, so that the server adds next to nothing to the memory measured in this process.
/// <see cref="ChangedEvery"/> moves every n-th instance to a newer AMI, to make changes to diff.
/// </summary>
internal sealed class RecordedEc2 : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "recorded-instance.xml"));
    private readonly string pages = Path.Combine(Path.GetTempPath(), "qlrf-bench-pages-" + Guid.NewGuid().ToString("N"));

    private RecordedEc2(WebApplication app) => this.app = app;

    public int Instances { get; set; }

    public int PageSize { get; set; } = 1000;

    public int ChangedEvery { get; set; }

    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<RecordedEc2> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new RecordedEc2(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        context.Response.ContentType = "text/xml;charset=UTF-8";
        switch (form["Action"].ToString())
        {
            case "DescribeInstances":
                await context.Response.SendFileAsync(PageFile(form["NextToken"].ToString()));
                break;
            case "DescribeImages":
                await context.Response.WriteAsync(Images(form.Where(f => f.Key.StartsWith("Filter.1.Value.", StringComparison.Ordinal)).Select(f => f.Value.ToString())));
                break;
            default:
                context.Response.StatusCode = 400;
                break;
        }
    }

    private string PageFile(string token)
    {
        var file = Path.Combine(pages, $"{Instances}-{PageSize}-{ChangedEvery}-{(string.IsNullOrEmpty(token) ? "first" : token)}.xml");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(pages);
            File.WriteAllText(file, Page(token));
        }

        return file;
    }

    private string Page(string token)
    {
        var page = string.IsNullOrEmpty(token) ? 0 : int.Parse(token.AsSpan(5), CultureInfo.InvariantCulture);
        var first = page * PageSize;
        var last = Math.Min(first + PageSize, Instances);
        var xml = new StringBuilder(PageSize * (template.Length + 64));
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\n<requestId>bench</requestId>\n<reservationSet>\n<item>\n<reservationId>r-bench")
            .Append(page).Append("</reservationId>\n<ownerId>123456789012</ownerId>\n<groupSet/>\n<instancesSet>\n");
        for (var i = first; i < last; i++)
        {
            var changed = ChangedEvery > 0 && i % ChangedEvery == 0;
            xml.Append(template
                .Replace("{{instanceId}}", "i-" + i.ToString("x17", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{{imageId}}", changed ? "ami-0bench000000new" : "ami-0bench" + (i % 20).ToString("x10", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{{name}}", "web-" + i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{{environment}}", (i % 3) switch { 0 => "prod", 1 => "staging", _ => "dev" }, StringComparison.Ordinal)
                .Replace("{{team}}", (i % 17).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{{ip}}", $"{i / 250 % 250}.{i % 250}", StringComparison.Ordinal));
        }

        xml.Append("</instancesSet>\n</item>\n</reservationSet>\n");
        if (last < Instances)
        {
            xml.Append("<nextToken>page-").Append(page + 1).Append("</nextToken>\n");
        }

        return xml.Append("</DescribeInstancesResponse>\n").ToString();
    }

    private static string Images(IEnumerable<string> ids)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeImagesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\n<requestId>bench</requestId>\n<imagesSet>\n");
        foreach (var id in ids)
        {
            var version = id.EndsWith("new", StringComparison.Ordinal) ? "1.5.0" : "1.4.0";
            xml.Append("<item><imageId>").Append(id).Append("</imageId><imageState>available</imageState><imageOwnerId>123456789012</imageOwnerId><name>ubuntu-2204-base-")
                .Append(version).Append("</name></item>\n");
        }

        return xml.Append("</imagesSet>\n</DescribeImagesResponse>\n").ToString();
    }

    /// <summary>Renders every page of the current estate ahead of a measured phase.</summary>
    public void Render()
    {
        string? token = null;
        do
        {
            var file = PageFile(token ?? string.Empty);
            var page = int.Parse(Path.GetFileNameWithoutExtension(file).Split('-')[^1] is "first" ? "0" : Path.GetFileNameWithoutExtension(file).Split('-')[^1], CultureInfo.InvariantCulture);
            token = (page + 1) * PageSize < Instances ? $"page-{page + 1}" : null;
        }
        while (token is not null);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Directory.Delete(pages, recursive: true);
    }
}
