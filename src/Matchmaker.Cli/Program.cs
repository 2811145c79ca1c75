using Matchmaker.Cli;

// The commands, their options, help and exit codes: CommandLine.cs.
return await CommandLine.RunAsync(args);
