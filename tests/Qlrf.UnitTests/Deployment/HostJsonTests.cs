using System.Text.Json.Nodes;

namespace Qlrf.UnitTests.Deployment;

/// <summary>host.json, shared by the three apps: extensions at the top level, the asset-change queue's retry policy.</summary>
public sealed class HostJsonTests
{
    private static JsonObject HostJson => JsonNode.Parse(Repository.Read("host.json"))!.AsObject();

    [Fact]
    public void Extensions_sit_at_the_top_level_and_configure_the_Storage_queue_trigger_not_Service_Bus()
    {
        var extensions = HostJson["extensions"]!.AsObject();

        Assert.Null(HostJson["logging"]!["extensions"]);
        Assert.Null(extensions["serviceBus"]);
        var queues = extensions["queues"]!;
        Assert.Equal(5, (int)queues["maxDequeueCount"]!);
        Assert.True(TimeSpan.Parse((string)queues["visibilityTimeout"]!, System.Globalization.CultureInfo.InvariantCulture) > TimeSpan.Zero);
        Assert.InRange((int)queues["batchSize"]!, 1, 32);
        Assert.True(TimeSpan.Parse((string)queues["maxPollingInterval"]!, System.Globalization.CultureInfo.InvariantCulture) >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void The_Durable_task_hub_uses_the_identity_based_host_storage()
    {
        var durable = HostJson["extensions"]!["durableTask"]!;

        Assert.Equal("%TASKHUB_NAME%", (string?)durable["hubName"]);
        Assert.Equal("AzureWebJobsStorage", (string?)durable["storageProvider"]!["connectionName"]);
    }
}
