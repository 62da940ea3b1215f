using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Qlrf.Cli.Output;

/// <summary>
/// Where a command's result goes: standard output, as a table (Spectre.Console; no colour, no animation when standard
/// output is not a terminal or <c>--no-input</c> is given), JSON or YAML. Messages for people go to standard error.
/// </summary>
public sealed class CliOutput
{
    public CliOutput(CliEnvironment environment, OutputFormat format, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Format = format;
        Interactive = interactive;
        Writer = environment.Output;
        Error = environment.Error;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(environment.Output),
        });
        if (!environment.IsTerminal)
        {
            // Piped tables are not cut to a terminal's width.
            Console.Profile.Width = 240;
        }
    }

    public OutputFormat Format { get; }

    /// <summary>Prompts, colours, spinners and live progress are allowed.</summary>
    public bool Interactive { get; }

    public IAnsiConsole Console { get; }

    public TextWriter Writer { get; }

    public TextWriter Error { get; }

    /// <summary>Writes the answer as JSON or YAML, or (as a table) through <paramref name="table"/>.</summary>
    public void Write(JsonElement data, Action<CliOutput, JsonElement> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        switch (Format)
        {
            case OutputFormat.Json:
                Writer.WriteLine(JsonSerializer.Serialize(data, CliJson.Indented));
                break;
            case OutputFormat.Yaml:
                Writer.Write(YamlText.Of(data));
                break;
            default:
                table(this, data);
                break;
        }
    }

    /// <summary>Writes items as a table with the given columns.</summary>
    public void Table(IEnumerable<JsonElement> items, params Column[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var table = new Table().Border(Interactive ? TableBorder.Rounded : TableBorder.Simple);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column.Header.ToUpperInvariant())));
        }

        var rows = 0;
        foreach (var item in items)
        {
            table.AddRow(columns.Select(c => (IRenderable)new Text(c.Cell(item))).ToArray());
            rows++;
        }

        if (rows == 0)
        {
            Console.WriteLine("(none)");
            return;
        }

        Console.Write(table);
    }

    /// <summary>Writes name/value pairs, one a line.</summary>
    public void Fields(JsonElement item, params Column[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (!Interactive)
        {
            var width = fields.Max(f => f.Header.Length) + 2;
            foreach (var field in fields)
            {
                Writer.WriteLine((field.Header + ":").PadRight(width) + field.Cell(item));
            }

            return;
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var field in fields)
        {
            grid.AddRow(new Text(field.Header + ":"), new Text(field.Cell(item)));
        }

        Console.Write(grid);
    }

    public void Line(string text) => Console.WriteLine(text);

    /// <summary>A heading line (bold on a terminal).</summary>
    public void Heading(string text) => Console.MarkupLine(Interactive ? $"[bold]{Markup.Escape(text)}[/]" : Markup.Escape(text));

    /// <summary>A message for people on standard error (not part of the result).</summary>
    public void Note(string text) => Error.WriteLine(text);
}
