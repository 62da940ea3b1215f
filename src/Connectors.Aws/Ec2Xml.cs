using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Qlrf.Connectors.Aws;

/// <summary>
/// Reads EC2 Query API answers (XML) as a stream: one instance element at a time is materialised, so a
/// page costs memory for the compact records it yields, not for its XML.
/// </summary>
internal static partial class Ec2Xml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    public static async Task<Ec2InstancePage> ReadInstancesAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = XmlReader.Create(stream, Settings);
        await ExpectRootAsync(reader, "DescribeInstancesResponse");
        var instances = new List<Ec2Instance>();
        string? nextToken = null;
        string? ownerId = null;
        string? level3 = null;
        while (!reader.EOF)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.NodeType != XmlNodeType.Element)
            {
                await reader.ReadAsync();
                continue;
            }

            switch (reader.Depth, reader.LocalName)
            {
                case (1, "nextToken"):
                    nextToken = (await reader.ReadElementContentAsStringAsync()).Trim();
                    break;
                case (2, "item"):
                    ownerId = null;
                    await reader.ReadAsync();
                    break;
                case (3, "ownerId"):
                    ownerId = (await reader.ReadElementContentAsStringAsync()).Trim();
                    break;
                case (3, var name):
                    level3 = name;
                    await reader.ReadAsync();
                    break;
                case (4, "item") when level3 == "instancesSet":
                    var element = (XElement)await XNode.ReadFromAsync(reader, cancellationToken);
                    instances.Add(ToInstance(element, ownerId ?? throw new FormatException("a reservation has no ownerId before its instancesSet.")));
                    break;
                default:
                    await reader.ReadAsync();
                    break;
            }
        }

        return new Ec2InstancePage(instances, string.IsNullOrEmpty(nextToken) ? null : nextToken);
    }

    public static async Task<IReadOnlyList<Ec2Image>> ReadImagesAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = XmlReader.Create(stream, Settings);
        await ExpectRootAsync(reader, "DescribeImagesResponse");
        var images = new List<Ec2Image>();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2 && reader.LocalName == "item")
            {
                var element = (XElement)await XNode.ReadFromAsync(reader, cancellationToken);
                images.Add(new Ec2Image(
                    Required(element, "imageId"),
                    Text(element, "name"),
                    Text(element, "imageOwnerId"),
                    Tags(element)));
            }
            else
            {
                await reader.ReadAsync();
            }
        }

        return images;
    }

    /// <summary>An EC2 error answer as "Code: Message".</summary>
    public static string DescribeError(string body)
    {
        var code = ErrorCode().Match(body);
        var message = ErrorMessage().Match(body);
        return code.Success
            ? $"{code.Groups[1].Value}: {(message.Success ? System.Net.WebUtility.HtmlDecode(message.Groups[1].Value) : string.Empty)}".TrimEnd(' ', ':')
            : Connectors.ResilientHttpClient.Collapse(body);
    }

    /// <summary>EC2 throttles with the codes RequestLimitExceeded and Throttling.</summary>
    public static bool IsThrottled(System.Net.HttpStatusCode status, string body) =>
        ErrorCode().Match(body) is { Success: true } m && m.Groups[1].Value is "RequestLimitExceeded" or "Throttling" or "ThrottlingException";

    private static async Task ExpectRootAsync(XmlReader reader, string root)
    {
        await reader.MoveToContentAsync();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != root)
        {
            throw new FormatException($"expected a {root} document, got <{reader.LocalName}>.");
        }
    }

    private static Ec2Instance ToInstance(XElement item, string ownerId) => new(
        Required(item, "instanceId"),
        ownerId,
        Text(item, "imageId"),
        Text(Child(item, "instanceState"), "name") ?? throw new FormatException($"instance {Text(item, "instanceId")} has no instanceState/name."),
        Text(Child(item, "placement"), "availabilityZone"),
        Tags(item));

    private static Dictionary<string, string> Tags(XElement element)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(element, "tagSet") is { } set)
        {
            foreach (var tag in set.Elements().Where(e => e.Name.LocalName == "item"))
            {
                if (Text(tag, "key") is { Length: > 0 } key)
                {
                    tags[key] = Text(tag, "value") ?? string.Empty;
                }
            }
        }

        return tags;
    }

    private static XElement? Child(XElement? element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static string? Text(XElement? element, string name) =>
        Child(element, name)?.Value.Trim() is { Length: > 0 } value ? value : null;

    private static string Required(XElement element, string name) =>
        Text(element, name) ?? throw new FormatException($"an <{element.Name.LocalName}> has no {name}.");

    [GeneratedRegex("<Code>([^<]+)</Code>", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorCode();

    [GeneratedRegex("<Message>([^<]*)</Message>", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorMessage();
}
