namespace Arsip.Infrastructure;

/// <summary>Settings are --Section:Key=value; the host reads them from the whole command line, and the command's parser, which would refuse them as unknown flags, gets the rest.</summary>
public static class CommandLineSettings
{
    public static bool IsSetting(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var equals and > 2 && arg.AsSpan(2, equals - 2).Contains(':');

    public static string[] CommandArguments(string[] args) => args.Where(a => !IsSetting(a)).ToArray();
}
