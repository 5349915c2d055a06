namespace Arsip.Infrastructure;

/// <summary>
/// Commands take the server's settings: <c>verify --agency x --Arsip:DataDirectory=/p</c>. A setting is
/// <c>--Section:Key=value</c> (a key with a colon, as every Arsip setting has); the host's configuration
/// reads it from the whole command line, and the command's own parser, which would refuse it as an unknown
/// flag, gets the rest.
/// </summary>
public static class CommandLineSettings
{
    public static bool IsSetting(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var equals and > 2 && arg.AsSpan(2, equals - 2).Contains(':');

    /// <summary>The command's arguments: everything but the settings.</summary>
    public static string[] CommandArguments(string[] args) => args.Where(a => !IsSetting(a)).ToArray();
}
