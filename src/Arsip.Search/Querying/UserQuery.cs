namespace Arsip.Search.Querying;

internal enum UserField
{
    Number,
    Agenda,
    Classification,
    Sender,
    SecurityLevel,
    Status,
    Kind,
    Year,
    Unit,
    Position,
}

internal sealed record UserClause(string Text, bool IsPhrase, UserField? Field, bool Excluded);

/// <summary>It never fails: unbalanced quotes are dropped, unknown or empty field: prefixes and a lone - are plain words.</summary>
internal static class UserQuery
{
    private static readonly Dictionary<string, UserField> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["nomor"] = UserField.Number, ["no"] = UserField.Number, ["number"] = UserField.Number,
        ["agenda"] = UserField.Agenda,
        ["klasifikasi"] = UserField.Classification, ["kode"] = UserField.Classification,
        ["classification"] = UserField.Classification,
        ["pengirim"] = UserField.Sender, ["dari"] = UserField.Sender, ["sender"] = UserField.Sender,
        ["from"] = UserField.Sender,
        ["sifat"] = UserField.SecurityLevel, ["security"] = UserField.SecurityLevel,
        ["status"] = UserField.Status,
        ["jenis"] = UserField.Kind, ["kind"] = UserField.Kind,
        ["tahun"] = UserField.Year, ["year"] = UserField.Year,
        ["unit"] = UserField.Unit,
        ["jabatan"] = UserField.Position, ["position"] = UserField.Position,
    };

    public static IReadOnlyList<UserClause> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        // An unbalanced quote makes every phrase boundary a guess: read it all as words instead.
        if (text.Count(c => c == '"') % 2 != 0) text = text.Replace('"', ' ');

        var clauses = new List<UserClause>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }

            var excluded = text[i] == '-';
            if (excluded)
            {
                i++;
                if (i == text.Length || char.IsWhiteSpace(text[i])) continue;
            }

            if (text[i] == '"')
            {
                var phrase = ReadQuoted(text, ref i);
                if (phrase.Length > 0) clauses.Add(new UserClause(phrase, true, null, excluded));
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"') i++;
            var token = text[start..i];
            var colon = token.IndexOf(':');
            if (colon > 0 && Aliases.TryGetValue(token[..colon], out var field))
            {
                var value = token[(colon + 1)..];
                var quoted = false;
                if (value.Length == 0 && i < text.Length && text[i] == '"')
                {
                    value = ReadQuoted(text, ref i);
                    quoted = true;
                }
                if (value.Length > 0)
                {
                    clauses.Add(new UserClause(value, quoted, field, excluded));
                    continue;
                }
            }

            // A stray or unknown "name:" is punctuation, not syntax.
            foreach (var word in token.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                clauses.Add(new UserClause(word, false, null, excluded));
        }
        return clauses;
    }

    private static string ReadQuoted(string text, ref int i)
    {
        var close = text.IndexOf('"', i + 1);
        var content = text[(i + 1)..close].Trim();
        i = close + 1;
        return content;
    }
}
