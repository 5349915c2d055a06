using Arsip.Infrastructure;
using Npgsql;

namespace Arsip.Tests.Infrastructure;

public class AutoPrepareTests
{
    [Fact]
    public void A_connection_string_without_the_setting_gets_statements_prepared_after_two_uses()
    {
        var tuned = new NpgsqlConnectionStringBuilder(ArsipDatabase.WithAutoPrepare("Host=127.0.0.1;Port=5432;Username=arsip_app;Database=arsip"));
        tuned.MaxAutoPrepare.ShouldBe(100);
        tuned.AutoPrepareMinUsages.ShouldBe(2);
        tuned.Username.ShouldBe("arsip_app");
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;max auto prepare=20", 20)]
    [InlineData("Host=db;MaxAutoPrepare=7", 7)]
    public void A_connection_string_that_names_the_setting_keeps_its_value(string given, int expected) =>
        new NpgsqlConnectionStringBuilder(ArsipDatabase.WithAutoPrepare(given)).MaxAutoPrepare.ShouldBe(expected);
}
