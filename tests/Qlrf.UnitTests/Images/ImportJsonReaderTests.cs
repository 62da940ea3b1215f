using System.Text;
using System.Text.Json;
using Qlrf.Images;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Images;

public sealed class ImportJsonReaderTests
{
    [Fact]
    public async Task A_large_document_is_read_holding_one_value_at_a_time()
    {
        var json = new StringBuilder("""{"skipped": [""");
        for (var i = 0; i < 50_000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("""{"Name": "libfoo", "Version": "1.2.3", "Layer": {"DiffID": "sha256:0123456789abcdef"}}""");
        }

        json.Append("""], "items": [""");
        for (var i = 0; i < 50_000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("{\"id\": ").Append(i).Append(""", "text": "a value read whole, with its JSON path"}""");
        }

        json.Append("]}");
        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        using var reader = new ImportJsonReader(new MemoryStream(bytes), "Test JSON");

        var ids = new List<int>();
        await foreach (var property in reader.PropertiesAsync("$", default))
        {
            if (property == "items")
            {
                await foreach (var item in reader.ItemsAsync("$.items", default))
                {
                    var value = await reader.ReadValueAsync(item, default);
                    ids.Add(value.Required("id").AsInt());
                }
            }
        }

        Assert.True(bytes.Length > 7_000_000, $"{bytes.Length} bytes");
        Assert.Equal(Enumerable.Range(0, 50_000), ids);
        Assert.True(reader.BufferBytes <= 128 * 1024, $"{reader.BufferBytes} bytes held");
    }

    [Fact]
    public async Task A_value_larger_than_the_buffer_is_read_whole_and_paths_name_where_a_value_is()
    {
        var description = new string('x', 300_000);
        var bytes = Encoding.UTF8.GetBytes($$"""{"items": [{"d": "{{description}}"}, {"d": 5}]}""");
        using var reader = new ImportJsonReader(new TrickleStream(bytes, 4096), "Test JSON");

        var read = new List<ImportJson>();
        await foreach (var _ in reader.PropertiesAsync("$", default))
        {
            await foreach (var item in reader.ItemsAsync("$.items", default))
            {
                read.Add(await reader.ReadValueAsync(item, default));
            }
        }

        Assert.Equal(description, read[0].Required("d").AsString());
        var ex = Assert.Throws<ImportFormatException>(() => read[1].Required("d").AsString());
        Assert.Equal("Test JSON: $.items[1].d: expected a string, found a number", ex.Message);
        Assert.Equal(JsonValueKind.Object, read[1].Kind);
    }
}
