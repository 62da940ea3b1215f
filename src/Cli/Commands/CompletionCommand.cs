using System.CommandLine;

namespace Qlrf.Cli.Commands;

/// <summary>
/// <c>qlrf completion bash|zsh|pwsh</c>: prints a script that asks <c>qlrf</c> itself for completions (System.CommandLine's
/// <c>[suggest:N]</c> directive), so they follow the installed version's commands and options.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # qlrf completion for bash: add `source <(qlrf completion bash)` to ~/.bashrc
        _qlrf_complete() {
          local line="${COMP_LINE#* }"
          local position=$(( COMP_POINT - ${#COMP_LINE} + ${#line} ))
          local IFS=$'\n'
          COMPREPLY=( $(compgen -W "$(qlrf "[suggest:${position}]" "${line}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _qlrf_complete qlrf
        """;

    private const string Zsh = """
        # qlrf completion for zsh: add `source <(qlrf completion zsh)` to ~/.zshrc (after compinit)
        _qlrf() {
          local line="${BUFFER#* }"
          local position=$(( CURSOR - ${#BUFFER} + ${#line} ))
          local -a suggestions
          suggestions=("${(@f)$(qlrf "[suggest:${position}]" "${line}" 2>/dev/null)}")
          compadd -a suggestions
        }
        compdef _qlrf qlrf
        """;

    private const string Pwsh = """
        # qlrf completion for PowerShell: add `qlrf completion pwsh | Out-String | Invoke-Expression` to $PROFILE
        Register-ArgumentCompleter -Native -CommandName qlrf -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $text = $commandAst.ToString()
            $first = $commandAst.CommandElements[0].Extent.EndOffset - $commandAst.Extent.StartOffset
            $line = $text.Substring([Math]::Min($text.Length, $first + 1))
            $position = $cursorPosition - $commandAst.Extent.StartOffset - $first - 1
            qlrf "[suggest:$position]" "$line" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }
        """;

    public static Command Completion()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or pwsh." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "pwsh");
        var command = new Command("completion", "Prints the shell completion script for bash, zsh or PowerShell.").With(shell);
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(shell) switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                _ => Pwsh,
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
