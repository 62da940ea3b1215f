using Qlrf.Cli;

return await QlrfCli.RunAsync(args, CliEnvironment.FromProcess());
