using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Arsip.Tests.Pdf;

/// <summary>Writes rendered documents and their PNG previews under TestResults/pdf-samples for people to look at.</summary>
internal static class PdfSamples
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "pdf-samples");

    public static void Save(string name, byte[] pdf)
    {
        Directory.CreateDirectory(Folder);
        var pages = new Regex($"^{Regex.Escape(name)}-[0-9]+\\.png$");
        foreach (var stale in Directory.EnumerateFiles(Folder).Where(f => pages.IsMatch(Path.GetFileName(f)))) File.Delete(stale);
        var path = Path.Combine(Folder, name + ".pdf");
        File.WriteAllBytes(path, pdf);
        Run("pdftoppm", $"-r 60 -png \"{path}\" \"{Path.Combine(Folder, name)}\"");
    }

    /// <summary>Runs a poppler or qpdf tool; returns null when it is not installed.</summary>
    public static (int ExitCode, string Output)? Run(string tool, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Runs a tool the test cannot do without: a missing tool fails the test instead of passing it unchecked.</summary>
    public static (int ExitCode, string Output) Require(string tool, string arguments, string package) =>
        Run(tool, arguments) ?? throw new Xunit.Sdk.XunitException(
            $"{tool} is not installed: apt-get install {package} (ops/test installs it through ensure_prerequisites).");
}
