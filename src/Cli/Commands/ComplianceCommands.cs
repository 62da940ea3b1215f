using System.CommandLine;
using System.Text.Json;
using Qlrf.Compliance.EvidencePacks;

namespace Qlrf.Cli.Commands;

/// <summary><c>qlrf compliance verify</c>: checks a downloaded evidence pack offline, with the verifier the API uses.</summary>
internal static class ComplianceCommands
{
    public static Command Compliance(CliEnvironment environment)
    {
        var zip = new Argument<string>("pack") { Description = "The evidence pack's ZIP, as GET /api/v1/compliance/evidence-packs/{id}/content gave it." };
        var publicKey = Args.Text("--public-key", "A PEM public key or certificate to verify the signature with, instead of the key inside the pack (which proves nothing about who signed it).");
        var verify = new Command("verify", "Verifies an evidence pack offline: every file's SHA-256 and size against index.json, and the signature over index.json; exit code 1 naming each file that fails.")
            .With(zip, publicKey)
            .Runs(environment, async (context, cancellationToken) =>
            {
                var path = context.Value(zip)!;
                if (!File.Exists(path))
                {
                    throw new CliException(ExitCodes.NotFound, $"There is no file '{path}'.");
                }

                string? key = null;
                if (context.Value(publicKey) is { } keyPath)
                {
                    key = File.Exists(keyPath) ? await File.ReadAllTextAsync(keyPath, cancellationToken) : throw new CliException(ExitCodes.NotFound, $"There is no public key file '{keyPath}'.");
                }

                var result = await EvidencePackVerifier.VerifyFileAsync(path, key, cancellationToken);
                context.Out.Write(JsonSerializer.SerializeToElement(result, CliJson.Options), (o, _) =>
                {
                    var with = result.KeySource == "given" ? "the key given" : "the key inside the pack";
                    o.Line(result.Verified
                        ? $"Evidence pack {result.PackId} verifies: {result.FilesChecked} files match index.json, and its signature verifies with {with} ({result.KeyFingerprint ?? "certificate"})."
                        : $"Evidence pack {result.PackId ?? path} does NOT verify (signature {(result.SignatureValid ? "valid" : "invalid")} with {with}):");
                    foreach (var problem in result.Problems)
                    {
                        o.Line($"  {problem.Path}: {problem.Problem}");
                    }
                });
                return result.Verified ? ExitCodes.Ok : ExitCodes.Failed;
            });
        return new Command("compliance", "Compliance evidence.").With(verify);
    }
}
