namespace Arsip.Infrastructure;

public static class DataFolder
{
    public static string Resolve(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Arsip:DataDirectory"] ?? Path.Combine(Directory.GetCurrentDirectory(), ".arsip"));
}
