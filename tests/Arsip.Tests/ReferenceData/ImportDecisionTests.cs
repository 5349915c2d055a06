using Arsip.ReferenceData;

namespace Arsip.Tests.ReferenceData;

public class ImportDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(7));

    private static ClassificationClass Class(string code, int active = 2, int inactive = 3, FinalAction action = FinalAction.Musnah) =>
        new(code, "Kelas " + code, Arsip.Kernel.ClassificationCode.ParentOf(code), active, inactive, action, null);

    private static ParsedScheme Parsed(params ClassificationClass[] classes) =>
        new(classes, classes.Select((c, i) => (c.Code, Line: i + 2)).ToDictionary(x => x.Code, x => x.Line), []);

    private static ClassificationSchemeView Current(params ClassificationClass[] classes) => new() { Version = 3, Classes = [.. classes] };

    private static ClassificationImport Import(bool allow = false, string? reason = null) => new([], SchemeFileFormat.Csv, "x.csv", allow, reason);

    [Fact]
    public void The_first_import_is_version_1()
    {
        var decision = ImportClassificationSchemeEndpoint.Decide(null, Parsed(Class("000")), Import(), "arsiparis", Now);
        decision.Imported!.Version.ShouldBe(1);
        decision.Imported.ImportedBy.ShouldBe("arsiparis");
        decision.Imported.ImportedAt.ShouldBe(Now);
        decision.Problem.ShouldBeNull();
    }

    [Fact]
    public void The_same_scheme_again_is_no_new_version()
    {
        var decision = ImportClassificationSchemeEndpoint.Decide(Current(Class("000")), Parsed(Class("000")), Import(), "a", Now);
        decision.Imported.ShouldBeNull();
        decision.Problem.ShouldBeNull();
        decision.CurrentVersion.ShouldBe(3);
    }

    [Fact]
    public void Longer_retention_and_new_classes_need_no_consent()
    {
        var decision = ImportClassificationSchemeEndpoint.Decide(Current(Class("000")),
            Parsed(Class("000", active: 5, action: FinalAction.Permanen), Class("000.1")), Import(), "a", Now);
        decision.Imported!.Version.ShouldBe(4);
        decision.Imported.Shortened.ShouldBeEmpty();
    }

    [Fact]
    public void Shortening_is_refused_with_the_lines_then_allowed_with_a_reason()
    {
        var current = Current(Class("000"), Class("000.1", active: 5, inactive: 5, action: FinalAction.Permanen), Class("000.2"));
        var next = Parsed(Class("000"), Class("000.1", active: 2, inactive: 5, action: FinalAction.Musnah));

        var refused = ImportClassificationSchemeEndpoint.Decide(current, next, Import(), "a", Now);
        refused.Problem!.Status.ShouldBe(422);
        var errors = (IEnumerable<ImportError>)refused.Problem.Extensions["errors"]!;
        errors.Select(e => (e.Line, e.Field)).ShouldBe([(3, "activeRetentionYears"), (3, "finalAction"), (0, "code")], ignoreOrder: true);

        ImportClassificationSchemeEndpoint.Decide(current, next, Import(allow: true), "a", Now).Problem!.Status.ShouldBe(400);

        var allowed = ImportClassificationSchemeEndpoint.Decide(current, next, Import(true, " JRA baru 2026 "), "a", Now);
        allowed.Imported!.Reason.ShouldBe("JRA baru 2026");
        allowed.Imported.Shortened.Count.ShouldBe(3);
    }

    [Fact]
    public void Review_to_destroy_is_shortening_but_destroy_to_review_is_not()
    {
        ImportClassificationSchemeEndpoint.FindShortenings([Class("000", action: FinalAction.DinilaiKembali)], [Class("000")])
            .ShouldHaveSingleItem().Field.ShouldBe("finalAction");
        ImportClassificationSchemeEndpoint.FindShortenings([Class("000")], [Class("000", action: FinalAction.DinilaiKembali)]).ShouldBeEmpty();
    }

    [Fact]
    public void An_invalid_file_is_a_400_listing_its_errors()
    {
        var decision = ImportClassificationSchemeEndpoint.Decide(null, new ParsedScheme([], new Dictionary<string, int>(), [new ImportError(4, "code", "x")]),
            Import(), "a", Now);
        decision.Problem!.Status.ShouldBe(400);
        decision.Imported.ShouldBeNull();
    }
}
