namespace Arsip.Tests;

public class SmokeTests
{
    [Fact]
    public void Assemblies_load() => typeof(Program).Assembly.GetName().Name.ShouldBe("Arsip.Server");
}
