using Arsip.Search.Querying;

namespace Arsip.Tests.Search;

public class UserQueryTests
{
    [Fact]
    public void Reads_words_phrases_exclusions_and_fields()
    {
        UserQuery.Parse("""banjir "rapat koordinasi" -bogor nomor:123/Setda pengirim:"Dinas Kesehatan" """).ShouldBe(
        [
            new UserClause("banjir", false, null, false),
            new UserClause("rapat koordinasi", true, null, false),
            new UserClause("bogor", false, null, true),
            new UserClause("123/Setda", false, UserField.Number, false),
            new UserClause("Dinas Kesehatan", true, UserField.Sender, false),
        ]);
    }

    [Fact]
    public void English_aliases_name_the_same_fields()
    {
        UserQuery.Parse("number:1 classification:000 sender:x security:rahasia kind:masuk year:2026 unit:U1 status:selesai position:P7")
            .Select(c => c.Field)
            .ShouldBe([UserField.Number, UserField.Classification, UserField.Sender, UserField.SecurityLevel,
                UserField.Kind, UserField.Year, UserField.Unit, UserField.Status, UserField.Position]);
    }

    [Theory]
    [InlineData("\"rapat banjir", new[] { "rapat", "banjir" })]  // unbalanced quote
    [InlineData("rapat : banjir", new[] { "rapat", "banjir" })]  // stray colon
    [InlineData("rapat - banjir", new[] { "rapat", "banjir" })]  // lone minus
    [InlineData("foo:bar", new[] { "foo", "bar" })]              // unknown field
    [InlineData("nomor: banjir", new[] { "nomor", "banjir" })]   // empty value
    [InlineData("\"\" rapat", new[] { "rapat" })]                // empty phrase
    public void Malformed_syntax_falls_back_to_plain_words(string text, string[] words)
    {
        var clauses = UserQuery.Parse(text);
        clauses.ShouldAllBe(c => c.Field == null && !c.IsPhrase && !c.Excluded);
        clauses.Select(c => c.Text).ShouldBe(words);
    }
}
