using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Qlrf.Discovery;
using Qlrf.Json;
using Qlrf.Messaging;
using Qlrf.Messaging.StorageQueues;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.StorageQueues;

/// <summary>The asset-change queue on real Storage queues (Azurite): what is published, delivered, retried and dead-lettered.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageQueueAdapterTests(Azurite azurite)
{
    [Fact]
    public async Task Published_changes_are_received_one_message_each_and_applied()
    {
        var rig = new StorageQueueRig(azurite);
        var changes = Enumerable.Range(0, 5).Select(i => StorageQueueRig.Change("vm-" + i)).ToList();

        await rig.Publisher.PublishAsync(changes, default);
        for (var i = 0; i < changes.Count; i++)
        {
            Assert.Null((await rig.DeliverOnceAsync()).Error);
        }

        Assert.Equal(changes.Select(c => c.EventId).Order(), rig.Applied.Applied.Select(c => c.EventId).Order());
        Assert.Equal(changes[0], rig.Applied.Applied.Single(c => c.EventId == changes[0].EventId) with { ChangedFields = changes[0].ChangedFields });
        Assert.Null((await (await rig.Queues.QueueAsync(default)).ReceiveMessageAsync()).Value);
    }

    [Fact]
    public async Task Messages_are_stored_as_Base64_of_the_JSON_as_the_Queue_trigger_decodes_them_by_default()
    {
        var rig = new StorageQueueRig(azurite);
        var change = StorageQueueRig.Change("vm-1");

        await rig.Publisher.PublishAsync([change], default);

        var stored = (await rig.Raw.GetQueueClient(rig.Queues.Name).PeekMessageAsync()).Value.Body.ToString();
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(stored));
        Assert.Equal(change.EventId, JsonSerializer.Deserialize<AssetChanged>(json, QlrfJson.Options)!.EventId);
    }

    [Fact]
    public async Task A_message_whose_run_failed_is_delivered_again_after_its_visibility_timeout_and_applied_once()
    {
        var rig = new StorageQueueRig(azurite);
        rig.Applied.Failures = 1;
        var change = StorageQueueRig.Change("vm-1");
        await rig.Publisher.PublishAsync([change], default);

        var first = await rig.DeliverOnceAsync();
        var second = await rig.DeliverOnceAsync();

        Assert.NotNull(first.Error);
        Assert.Null(second.Error);
        Assert.Equal(first.Message.MessageId, second.Message.MessageId);
        Assert.Equal((1L, 2L), (first.Message.DequeueCount, second.Message.DequeueCount));
        Assert.Equal([change.EventId], rig.Applied.Applied.Select(c => c.EventId));
        Assert.Empty((await rig.DeadLetters.ListDeadLettersAsync("acme", 10, null, default)).Items);
    }

    [Fact]
    public async Task After_its_last_delivery_a_failing_message_is_a_dead_letter_with_its_error_base64_in_the_poison_queue()
    {
        var rig = new StorageQueueRig(azurite, maxDeliveries: 2);
        rig.Applied.Failures = int.MaxValue;
        var change = StorageQueueRig.Change("vm-1");
        await rig.Publisher.PublishAsync([change], default);

        Assert.NotNull((await rig.DeliverOnceAsync()).Error);
        Assert.Null((await rig.DeliverOnceAsync()).Error);

        Assert.Null((await (await rig.Queues.QueueAsync(default)).ReceiveMessageAsync()).Value);
        var dead = Assert.Single((await rig.DeadLetters.ListDeadLettersAsync("acme", 10, null, default)).Items);
        Assert.Equal((rig.Queues.Name, "acme", 2), (dead.Queue, dead.Organisation, dead.DeliveryCount));
        Assert.Contains("the inventory is unavailable", dead.LastError, StringComparison.Ordinal);
        Assert.Equal(change.EventId, JsonSerializer.Deserialize<AssetChanged>(dead.Body, QlrfJson.Options)!.EventId);
        var stored = (await rig.Raw.GetQueueClient(rig.Queues.PoisonName).PeekMessageAsync()).Value.Body.ToString();
        Assert.Contains("qlrfDeadLetter", Encoding.UTF8.GetString(Convert.FromBase64String(stored)), StringComparison.Ordinal);
        Assert.Empty((await rig.DeadLetters.ListDeadLettersAsync("globex", 10, null, default)).Items);
    }

    [Fact]
    public async Task An_unreadable_message_is_dead_lettered_at_once_and_one_the_trigger_moved_itself_is_listed_too()
    {
        var rig = new StorageQueueRig(azurite);
        var queue = await rig.Queues.QueueAsync(default);
        await queue.SendMessageAsync("{not json");
        var poison = await rig.Queues.PoisonAsync(default);
        var moved = StorageQueueRig.Change("vm-2");
        await poison.SendMessageAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(moved, QlrfJson.Options)));

        Assert.Null((await rig.DeliverOnceAsync()).Error);

        var letters = (await rig.DeadLetters.ListDeadLettersAsync("acme", 10, null, default)).Items;
        var trigger = Assert.Single(letters);
        Assert.Equal(rig.Options.Value.MaxDeliveries, trigger.DeliveryCount);
        Assert.Contains(moved.EventId.ToString(), trigger.Body, StringComparison.Ordinal);
        Assert.Empty(rig.Applied.Applied);
        Assert.Equal(2, (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Dead_letters_list_without_duplicates_page_by_page_with_the_same_ids_every_time()
    {
        var rig = new StorageQueueRig(azurite);
        var poison = await rig.Queues.PoisonAsync(default);
        var sent = Enumerable.Range(0, 75).Select(i => StorageQueueRig.Change("vm-" + i, i % 3 == 0 ? "globex" : "acme")).ToList();
        foreach (var change in sent)
        {
            await poison.SendMessageAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(change, QlrfJson.Options)));
        }

        var all = (await rig.DeadLetters.ListDeadLettersAsync("acme", 1000, null, default)).Items;
        var again = (await rig.DeadLetters.ListDeadLettersAsync("acme", 1000, null, default)).Items;
        var paged = new List<DeadLetter>();
        string? after = null;
        do
        {
            var page = await rig.DeadLetters.ListDeadLettersAsync("acme", 7, after, default);
            paged.AddRange(page.Items);
            after = page.NextCursor;
        }
        while (after is not null);

        Assert.Equal(50, all.Count);
        Assert.Equal(50, all.Select(d => d.MessageId).Distinct().Count());
        Assert.Equal(sent.Where(c => c.Organisation == "acme").Select(c => c.EventId.ToString()).Order(), all.Select(d => JsonSerializer.Deserialize<AssetChanged>(d.Body, QlrfJson.Options)!.EventId.ToString()).Order());
        Assert.Equal(all.Select(d => d.MessageId), again.Select(d => d.MessageId));
        Assert.Equal(all.Select(d => d.MessageId), paged.Select(d => d.MessageId));
        Assert.Equal(75, (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Start_up_fails_naming_the_missing_queue_setting()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(new Moq.Mock<Azure.Core.TokenCredential>().Object);
        builder.AddStorageQueueAssetChanges();
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("AssetChangesQueue__queueServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_connection_string_the_app_publishes_to_the_queue_the_setting_names()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var name = Azurite.NewQueueName();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageQueueAssetChanges.Connection] = azurite.ConnectionString,
            [StorageQueueAssetChanges.QueueSetting] = name,
        });
        builder.AddStorageQueueAssetChanges();
        using var host = builder.Build();
        await host.StartAsync();

        await host.Services.GetRequiredService<IAssetChangePublisher>().PublishAsync([StorageQueueRig.Change("vm-1")], default);

        Assert.Equal(1, (await azurite.QueueService.GetQueueClient(name).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        await host.StopAsync();
    }
}
