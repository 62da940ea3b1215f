using System.CommandLine;
using Qlrf.Cli.Output;

namespace Qlrf.Cli.Commands;

/// <summary><c>qlrf audit query|verify|export</c>.</summary>
internal static class AuditCommands
{
    public static Command Audit(CliEnvironment environment)
    {
        var (queryFilters, queryOf) = Filters();
        var limit = new Option<int?>("--limit") { Description = "At most this many entries (default 100)." };
        var query = new Command("query", "Audit entries, newest first, filtered.").With([.. queryFilters, limit]).Runs(environment, async (context, cancellationToken) =>
        {
            var items = await Pages.ReadAsync(context.Api, "api/v1/audit" + queryOf(context), context.Value(limit) ?? 100, cancellationToken);
            context.Out.Write(items, (o, e) => o.Table(e.Items(), "at", "actor", "action", "target", "outcome"));
            return ExitCodes.Ok;
        });

        var verify = new Command("verify", "Walks the hash chain; exit code 1 when a link is broken.").Runs(environment, async (context, cancellationToken) =>
        {
            var result = await context.Api.GetAsync("api/v1/audit/verify", cancellationToken);
            var verified = result.At("verified").ValueKind == System.Text.Json.JsonValueKind.True;
            context.Out.Write(result, (o, r) => o.Line(verified
                ? $"The audit chain of {r.Text("organisation")} is intact: {r.Text("checked")} entries checked."
                : $"The audit chain of {r.Text("organisation")} is BROKEN: {r.Text("firstBrokenLink")}"));
            return verified ? ExitCodes.Ok : ExitCodes.Failed;
        });

        var (exportFilters, exportOf) = Filters();
        var file = Args.Text("--file", "Write to this file instead of standard output.");
        var export = new Command("export", "Streams the matching entries as JSON Lines, oldest first, to standard output or a file.").With([.. exportFilters, file]).Runs(environment, async (context, cancellationToken) =>
        {
            var path = "api/v1/audit/export" + exportOf(context);
            if (context.Value(file) is { } target)
            {
                await using var stream = File.Create(target);
                await context.Api.CopyToAsync(path, stream, cancellationToken);
                context.Out.Note($"Wrote the audit export to {target}.");
            }
            else
            {
                await context.Out.Writer.FlushAsync(cancellationToken);
                await using var stream = new WriterStream(context.Out.Writer);
                await context.Api.CopyToAsync(path, stream, cancellationToken);
            }

            return ExitCodes.Ok;
        });
        return new Command("audit", "The tamper-evident audit log.").With(query, verify, export);
    }

    private static (Option[] Options, Func<CliContext, string> Query) Filters()
    {
        var actor = Args.Text("--actor", "user:{subject}, key:{id}, anonymous or system.");
        var action = Args.Text("--action", "An endpoint name such as StartRollout, or SignInFailed.");
        var target = Args.Text("--target", "A resource path such as /api/v1/rollouts/{id}.");
        var outcome = Args.Text("--outcome", "success, denied or failed.");
        var from = Args.Text("--from", "At or after this time (ISO 8601).");
        var to = Args.Text("--to", "Before this time (ISO 8601).");
        return ([actor, action, target, outcome, from, to], context => Args.Query(
            ("actor", context.Value(actor)), ("action", context.Value(action)), ("target", context.Value(target)),
            ("outcome", context.Value(outcome)), ("from", context.Value(from)), ("to", context.Value(to))));
    }

    /// <summary>A write-only stream onto a text writer (UTF-8), so an export streams to standard output as it arrives.</summary>
    private sealed class WriterStream(TextWriter writer) : Stream
    {
        private readonly System.Text.Decoder decoder = System.Text.Encoding.UTF8.GetDecoder();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            var chars = new char[decoder.GetCharCount(buffer, offset, count)];
            decoder.GetChars(buffer, offset, count, chars, 0);
            writer.Write(chars);
        }
    }
}
