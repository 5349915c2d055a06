using System.Diagnostics;
using Arsip.IntegrationTests.Infrastructure;

namespace Arsip.IntegrationTests.Hosting;

/// <summary>The commands, run as an operator runs them (<c>dotnet Arsip.Server.dll ...</c>), take the server's settings on their command line.</summary>
public class CommandsTests(ArsipApp app) : ArsipTest(app)
{
    private static string ServerDll()
    {
        // the server built with the same configuration as these tests: .../tests/Arsip.IntegrationTests/bin/<Configuration>/<tfm>/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (configuration, framework) = (output.Parent!.Name, output.Name);
        var root = Path.GetDirectoryName(ArsipApp.SamplesFolder)!;
        var dll = Path.Combine(root, "src", "Arsip.Server", "bin", configuration, framework, "Arsip.Server.dll");
        File.Exists(dll).ShouldBeTrue(dll);
        return dll;
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ServerDll());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // only the command line may say where the data and the database are
        start.Environment.Remove("ConnectionStrings__Arsip");
        start.Environment.Remove("ARSIP_DB");
        start.Environment.Remove("Arsip__DataDirectory");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // a bound on waiting, not a speed claim: a command line the host mistakes for settings starts the server, which never exits
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not finish: {await output}{await error}");
        }
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task Verify_takes_the_connection_string_and_reindex_the_data_folder_from_the_command_line()
    {
        var verified = await RunAsync("verify", "--agency", "kota-bekasi", $"--ConnectionStrings:Arsip={App.ConnectionString}");
        verified.Output.ShouldNotContain("Unknown argument");
        verified.ExitCode.ShouldBe(0, verified.Output); // every chain intact

        var data = Path.Combine(Path.GetTempPath(), $"arsip-command-{Guid.NewGuid():N}");
        try
        {
            var reindexed = await RunAsync($"--Arsip:DataDirectory={data}", "reindex", $"--ConnectionStrings:Arsip={App.ConnectionString}");
            reindexed.ExitCode.ShouldBe(0, reindexed.Output);
            reindexed.Output.ShouldContain("Indeks pencarian dikosongkan");
            Directory.EnumerateFiles(Path.Combine(data, "search")).ShouldNotBeEmpty("the index was written under the folder given on the command line");
        }
        finally
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }
}
