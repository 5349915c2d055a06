using Arsip.Documents;
using Arsip.Pdf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Arsip.Tests.Documents;

public class VerificationCodeTests
{
    [Fact]
    public void New_codes_are_13_base32_characters_and_do_not_repeat()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => VerificationCodes.New()).ToList();
        codes.ShouldAllBe(c => c.Length == VerificationCodes.Length && VerificationCodes.Normalize(c) == c);
        codes.Distinct().Count().ShouldBe(codes.Count);
    }

    [Theory]
    [InlineData(" 0123456789ABC ", "0123456789abc")]
    [InlineData("O1234-56789abc", "0123456789abc")]
    [InlineData("l123456789abc", "1123456789abc")]
    public void Typed_codes_are_read_case_insensitively_with_look_alikes_mapped(string typed, string canonical) =>
        VerificationCodes.Normalize(typed).ShouldBe(canonical);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0123456789abu")] // u is not in Crockford's alphabet
    [InlineData("0123456789abcd")]
    public void Anything_else_is_no_code(string? typed) => VerificationCodes.Normalize(typed).ShouldBeNull();
}

public class LetterModelTests
{
    [Fact]
    public void Blank_lines_separate_paragraphs_and_single_breaks_are_spaces()
    {
        var blocks = LetterModels.Paragraphs("Dengan hormat,\r\nkami sampaikan.\n\n\nDemikian.\n");
        blocks.ShouldBe(new LetterBlock[] { new TextParagraph("Dengan hormat, kami sampaikan."), new TextParagraph("Demikian.") });
    }

    [Fact]
    public void The_demo_agencies_have_their_names_on_the_letterhead_and_unknown_agencies_their_id()
    {
        Letterheads.LetterheadFor("kab-bekasi", null).NameLines.ShouldBe(["PEMERINTAH KABUPATEN BEKASI"]);
        Letterheads.PlaceOf("kota-tangerang").ShouldBe("Tangerang");
        Letterheads.AgencyName("kota-bogor").ShouldBe("kota-bogor");
    }
}

public class DocumentLinksTests
{
    private static DocumentLinks Links(string? publicBaseUrl)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Arsip:PublicBaseUrl"] = publicBaseUrl }).Build();
        var http = new DefaultHttpContext();
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("10.0.0.5:8080");
        return new DocumentLinks(configuration, new HttpContextAccessor { HttpContext = http });
    }

    [Fact]
    public void The_configured_public_address_wins_over_the_request() =>
        Links("https://arsip.bekasikota.go.id/").Verification("0123456789abc").ShouldBe("https://arsip.bekasikota.go.id/v/0123456789abc");

    [Fact]
    public void Without_one_the_request_address_is_used() =>
        Links(null).Verification("0123456789abc").ShouldBe("http://10.0.0.5:8080/v/0123456789abc");
}

public class AgendaBookPeriodTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void Defaults_to_this_year_or_the_given_year()
    {
        AgendaBookEndpoints.Period(null, null, null, Today).ShouldBe((new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), null));
        AgendaBookEndpoints.Period(2025, null, null, Today).ShouldBe((new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), null));
        AgendaBookEndpoints.Period(null, "2025-03-01", null, Today).ShouldBe((new DateOnly(2025, 3, 1), new DateOnly(2025, 12, 31), null));
        AgendaBookEndpoints.Period(null, "2026-11-01", "2026-11-30", Today).ShouldBe((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), null));
    }

    [Theory]
    [InlineData(null, "24-11-2026", null)]
    [InlineData(null, "2026-12-01", "2026-11-01")]
    [InlineData(null, "2000-01-01", "2026-01-01")]
    [InlineData(12, null, null)]
    public void Refuses_malformed_reversed_or_overlong_periods(int? year, string? from, string? to) =>
        AgendaBookEndpoints.Period(year, from, to, Today).Error.ShouldNotBeNull();
}
