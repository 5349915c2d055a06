using Arsip.Correspondence;
using Arsip.ReferenceData;

namespace Arsip.Tests.ReferenceData;

public class LetterNumberTemplateTests
{
    private static LetterNumberTemplate Template(string text) =>
        LetterNumberTemplate.Parse(text).Template ?? throw new InvalidOperationException(string.Join("; ", LetterNumberTemplate.Parse(text).Errors));

    [Fact]
    public void Formats_the_regional_style()
    {
        Template("{classification}/{sequence}/{unit}/{year}")
            .Format(new LetterNumberParts("800.1.11.1", 123, "Setda", new DateOnly(2026, 3, 9), SecurityLevel.Biasa))
            .ShouldBe("800.1.11.1/123/Setda/2026");
    }

    [Fact]
    public void Formats_the_central_style_with_security_prefix_and_two_digit_month()
    {
        Template("{securityPrefix}-{sequence}/IJ/{classification}/{month}/{year}")
            .Format(new LetterNumberParts("KP.07.6", 99, null, new DateOnly(2020, 4, 15), SecurityLevel.Biasa))
            .ShouldBe("B-99/IJ/KP.07.6/04/2020");
    }

    [Theory]
    [InlineData(SecurityLevel.Biasa, "B")]
    [InlineData(SecurityLevel.Terbatas, "B")]
    [InlineData(SecurityLevel.Rahasia, "R")]
    [InlineData(SecurityLevel.SangatRahasia, "SR")]
    public void Security_prefixes(SecurityLevel level, string prefix) => LetterNumberTemplate.SecurityPrefix(level).ShouldBe(prefix);

    [Theory]
    [InlineData(1, "I")]
    [InlineData(4, "IV")]
    [InlineData(9, "IX")]
    [InlineData(11, "XI")]
    [InlineData(12, "XII")]
    public void Roman_months(int month, string roman)
    {
        LetterNumberTemplate.RomanMonth(month).ShouldBe(roman);
        Template("{sequence}/{romanMonth}").Format(new LetterNumberParts("000", 5, null, new DateOnly(2026, month, 1), SecurityLevel.Biasa))
            .ShouldBe($"5/{roman}");
    }

    [Fact]
    public void Placeholders_are_case_insensitive_and_literals_are_kept()
    {
        var template = Template("No. {Classification} / {SEQUENCE} - Kec.BT");
        template.Format(new LetterNumberParts("100.3", 7, null, new DateOnly(2026, 1, 1), SecurityLevel.Rahasia)).ShouldBe("No. 100.3 / 7 - Kec.BT");
        template.Uses(LetterNumberTemplate.Unit).ShouldBeFalse();
    }

    [Theory]
    [InlineData("{classification}/{nomor}/{year}", "unknown placeholder")]
    [InlineData("{classification}/{year}", "must contain {sequence}")]
    [InlineData("{sequence}/{sequence}", "only one {sequence}")]
    [InlineData("{classification/{sequence}", "unbalanced")]
    [InlineData("{sequence}/{year", "unbalanced")]
    [InlineData("{sequence}}/{year}", "unbalanced")]
    [InlineData("{}/{sequence}", "unknown placeholder")]
    [InlineData("   ", "required")]
    public void Rejects_bad_templates(string text, string message)
    {
        var parsed = LetterNumberTemplate.Parse(text);
        parsed.Template.ShouldBeNull();
        parsed.Errors.ShouldContain(e => e.Contains(message, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_unit_template_needs_a_unit_code_and_a_positive_sequence()
    {
        var template = Template("{classification}/{sequence}/{unit}/{year}");
        Should.Throw<ArgumentException>(() => template.Format(new LetterNumberParts("000", 1, null, new DateOnly(2026, 1, 1), SecurityLevel.Biasa)));
        Should.Throw<ArgumentOutOfRangeException>(() => template.Format(new LetterNumberParts("000", 0, "Setda", new DateOnly(2026, 1, 1), SecurityLevel.Biasa)));
    }

    [Fact]
    public void Sequence_names_follow_the_scope()
    {
        LetterNumberTemplate.SequenceName("surat-dinas", SequenceScope.Agency, "Setda").ShouldBe("letter:surat-dinas");
        LetterNumberTemplate.SequenceName("nota-dinas", SequenceScope.Unit, "Setda").ShouldBe("letter:nota-dinas:Setda");
        Should.Throw<ArgumentException>(() => LetterNumberTemplate.SequenceName("nota-dinas", SequenceScope.Unit, null));
    }

    [Fact]
    public void A_per_unit_sequence_requires_unit_in_the_template()
    {
        SetLetterNumberTemplateHandler.Check(new SetLetterNumberTemplate("{classification}/{sequence}/{year}", SequenceScope.Unit))
            .ShouldHaveSingleItem().ShouldContain("{unit}");
        SetLetterNumberTemplateHandler.Check(new SetLetterNumberTemplate("{classification}/{sequence}/{unit}/{year}", SequenceScope.Unit)).ShouldBeEmpty();
    }

    [Fact]
    public void Setting_the_same_template_again_decides_nothing()
    {
        var now = DateTimeOffset.UnixEpoch;
        static SetLetterNumberTemplateCommand Set(string template, SequenceScope? scope = null, string kind = "surat-dinas") => new(kind, new(template, scope), "a");
        var first = SetLetterNumberTemplateHandler.Decide(Set("{classification}/{sequence}/{unit}/{year}"), null, now).Events.Single().ShouldBeOfType<LetterNumberTemplateSet>();
        var view = new LetterNumberTemplatesView { Templates = { ["surat-dinas"] = new(first.Kind, first.Template, first.SequenceScope, "a", now) } };
        SetLetterNumberTemplateHandler.Decide(Set(" {classification}/{sequence}/{unit}/{year} ", SequenceScope.Agency), view, now).Events.ShouldBeEmpty();
        SetLetterNumberTemplateHandler.Decide(Set("{classification}/{sequence}/{unit}/{year}", SequenceScope.Unit), view, now).Events.ShouldHaveSingleItem();
        SetLetterNumberTemplateHandler.Decide(Set("{classification}/{sequence}/{year}", SequenceScope.Unit), view, now).Refusal!.Status.ShouldBe(400);
        SetLetterNumberTemplateHandler.Decide(Set("{sequence}", kind: "surat-sakti"), view, now).Refusal.ShouldBeOfType<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>()
            .Errors.Keys.ShouldBe(["kind"]);
    }
}
