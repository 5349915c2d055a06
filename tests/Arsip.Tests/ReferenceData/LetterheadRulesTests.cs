using Arsip.ReferenceData;

namespace Arsip.Tests.ReferenceData;

public class LetterheadRulesTests
{
    private static readonly byte[] Png = Image(SkiaSharp.SKEncodedImageFormat.Png);
    private static readonly byte[] Jpeg = Image(SkiaSharp.SKEncodedImageFormat.Jpeg);

    private static byte[] Image(SkiaSharp.SKEncodedImageFormat format)
    {
        using var bitmap = new SkiaSharp.SKBitmap(8, 8);
        bitmap.Erase(SkiaSharp.SKColors.Goldenrod);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        return image.Encode(format, 90).ToArray();
    }

    private static SetLetterhead Valid(string? emblem = null) =>
        new(["PEMERINTAH KOTA BEKASI", "SEKRETARIAT DAERAH"], "Jl. Ir. H. Juanda No. 100", "(021) 88397963", "setda@bekasikota.go.id",
            "www.bekasikota.go.id", Emblem: emblem);

    [Fact]
    public void Missing_page_settings_take_the_common_defaults()
    {
        var (letterhead, errors) = LetterheadRules.Build("agency", Valid());
        errors.ShouldBeEmpty();
        letterhead!.PaperSize.ShouldBe(PaperSize.A4);
        letterhead.Margins.ShouldBe(new Margins(30, 25, 25, 30));
        letterhead.FontFamily.ShouldBe("Liberation Sans");
        letterhead.FontSize.ShouldBe(12);
        letterhead.LineSpacing.ShouldBe(1);
        letterhead.Emblem.ShouldBeNull();
    }

    [Fact]
    public void The_regional_choices_default_to_the_regulations_models_and_reach_the_printed_letterhead()
    {
        var (letterhead, _) = LetterheadRules.Build("agency", Valid());
        letterhead!.PageNumbers.ShouldBe(PageNumberPosition.TopCentre);
        letterhead.NumberFirstPage.ShouldBeFalse();
        var printed = Arsip.Documents.Letterheads.From(letterhead, null);
        printed.PageNumbers.ShouldBe(Arsip.Pdf.PageNumberPosition.TopCentre);
        printed.HeadKopKinds.ShouldBe([Arsip.Pdf.LetterKind.SuratKeputusan, Arsip.Pdf.LetterKind.Instruksi, Arsip.Pdf.LetterKind.SuratEdaran], ignoreOrder: true);
        printed.EnactedKinds.ShouldBe([Arsip.Pdf.LetterKind.SuratKeputusan]);

        var (chosen, errors) = LetterheadRules.Build("agency", Valid() with
        {
            PageNumbers = PageNumberPosition.BottomRight, NumberFirstPage = true, HeadKopKinds = [],
            EnactedKinds = [Arsip.Kernel.LetterKind.SuratEdaran, Arsip.Kernel.LetterKind.SuratKeputusan],
        });
        errors.ShouldBeEmpty();
        printed = Arsip.Documents.Letterheads.From(chosen!, null);
        printed.PageNumbers.ShouldBe(Arsip.Pdf.PageNumberPosition.BottomRight);
        printed.NumberFirstPage.ShouldBeTrue();
        printed.HeadKopKinds.ShouldBeEmpty();
        printed.EnactedKinds.ShouldBe([Arsip.Pdf.LetterKind.SuratEdaran, Arsip.Pdf.LetterKind.SuratKeputusan], ignoreOrder: true);

        // a surat dinas has no "Ditetapkan/Dikeluarkan di" line to choose for
        LetterheadRules.Build("agency", Valid() with { EnactedKinds = [Arsip.Kernel.LetterKind.SuratDinas] }).Errors.Keys.ShouldBe(["enactedKinds"]);
    }

    [Fact]
    public void Detects_the_emblem_type_from_its_bytes()
    {
        LetterheadRules.Build("Setda", Valid(Convert.ToBase64String(Png))).Letterhead!.EmblemContentType.ShouldBe("image/png");
        LetterheadRules.Build("Setda", Valid("data:image/jpeg;base64," + Convert.ToBase64String(Jpeg))).Letterhead!.EmblemContentType.ShouldBe("image/jpeg");
        LetterheadRules.Build("Setda", Valid(Convert.ToBase64String("GIF89a"u8.ToArray()))).Errors.Keys.ShouldBe(["emblem"]);
        // checked by content like every upload: the signature alone, or a cut-off image, is no emblem
        LetterheadRules.Build("Setda", Valid(Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]))).Errors.Keys.ShouldBe(["emblem"]);
        LetterheadRules.Build("Setda", Valid(Convert.ToBase64String(Png[..^12]))).Errors.Keys.ShouldBe(["emblem"]);
        LetterheadRules.Build("Setda", Valid("not base64!")).Errors.Keys.ShouldBe(["emblem"]);
        var tooLarge = new byte[Letterhead.MaxEmblemBytes + 1];
        Png.CopyTo(tooLarge, 0);
        LetterheadRules.Build("Setda", Valid(Convert.ToBase64String(tooLarge))).Errors["emblem"].Single().ShouldContain("1 MB");
    }

    [Fact]
    public void Reports_each_bad_field()
    {
        var (_, errors) = LetterheadRules.Build("bad key!", new SetLetterhead([], Email: "setda-at-bekasi", Margins: new Margins(30, -1, 25, 30),
            FontFamily: "Comic Sans", FontSize: 30, LineSpacing: 2));
        errors.Keys.ShouldBe(["key", "nameLines", "email", "margins", "fontFamily", "fontSize", "lineSpacing"], ignoreOrder: true);
    }

    [Fact]
    public void The_same_letterhead_is_recognised_so_nothing_new_is_recorded()
    {
        var a = LetterheadRules.Build("agency", Valid(Convert.ToBase64String(Png))).Letterhead!;
        var b = LetterheadRules.Build("agency", Valid(Convert.ToBase64String(Png))).Letterhead!;
        a.SameAs(b).ShouldBeTrue();
        a.SameAs(b with { FontSize = 11 }).ShouldBeFalse();
        var current = new LetterheadView { Letterhead = a };
        var same = SetLetterheadHandler.Decide(new SetLetterheadCommand("agency", Valid(Convert.ToBase64String(Png)), "x"), current, DateTimeOffset.UnixEpoch);
        same.Refused.ShouldBeFalse();
        same.Events.ShouldBeEmpty();
        SetLetterheadHandler.Decide(new SetLetterheadCommand("agency", Valid(Convert.ToBase64String(Png)) with { FontSize = 11 }, "x"), current, DateTimeOffset.UnixEpoch)
            .Events.ShouldHaveSingleItem().ShouldBeOfType<LetterheadSet>().Letterhead.FontSize.ShouldBe(11);
        SetLetterheadHandler.Decide(new SetLetterheadCommand("agency", Valid(Convert.ToBase64String(Png)) with { FontSize = 99 }, "x"), current, DateTimeOffset.UnixEpoch)
            .Refusal.ShouldBeOfType<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>().Errors.Keys.ShouldBe(["fontSize"]);
        LetterheadView.StreamFor("agency").ShouldBe(LetterheadView.StreamFor("agency"));
        LetterheadView.StreamFor("agency").ShouldNotBe(LetterheadView.StreamFor("Setda"));
    }
}
