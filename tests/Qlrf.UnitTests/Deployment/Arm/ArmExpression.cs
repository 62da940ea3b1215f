using System.Globalization;
using System.Text;

namespace Qlrf.UnitTests.Deployment.Arm;

/// <summary>An ARM template expression (the text between <c>[</c> and <c>]</c> of a string value), parsed.</summary>
public abstract record ArmExpression
{
    /// <summary>Whether a template string is an expression: it starts with <c>[</c> (not <c>[[</c>, an escaped bracket) and ends with <c>]</c>.</summary>
    public static bool IsExpression(string text) =>
        text.Length >= 2 && text[0] == '[' && text[1] != '[' && text[^1] == ']';

    /// <summary>Parses <paramref name="text"/>, with or without its surrounding brackets.</summary>
    public static ArmExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = IsExpression(text) ? text[1..^1] : text;
        var parser = new Parser(body);
        var expression = parser.ParseExpression();
        parser.ExpectEnd();
        return expression;
    }

    private sealed class Parser(string text)
    {
        private int position;

        public ArmExpression ParseExpression()
        {
            var expression = ParsePrimary();
            while (true)
            {
                SkipSpace();
                if (TryTake('.'))
                {
                    expression = new ArmMember(expression, ParseIdentifier());
                }
                else if (TryTake('['))
                {
                    var index = ParseExpression();
                    Expect(']');
                    expression = new ArmIndex(expression, index);
                }
                else
                {
                    return expression;
                }
            }
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (position != text.Length)
            {
                throw Error("end of expression");
            }
        }

        private ArmExpression ParsePrimary()
        {
            SkipSpace();
            if (position >= text.Length)
            {
                throw Error("a value");
            }

            var c = text[position];
            if (c == '\'')
            {
                return new ArmLiteral(ParseString());
            }

            if (c == '-' || char.IsAsciiDigit(c))
            {
                var start = position++;
                while (position < text.Length && char.IsAsciiDigit(text[position]))
                {
                    position++;
                }

                return new ArmLiteral(long.Parse(text.AsSpan(start, position - start), CultureInfo.InvariantCulture));
            }

            var name = ParseIdentifier();
            Expect('(');
            var arguments = new List<ArmExpression>();
            SkipSpace();
            if (!TryTake(')'))
            {
                do
                {
                    arguments.Add(ParseExpression());
                    SkipSpace();
                }
                while (TryTake(','));
                Expect(')');
            }

            return new ArmCall(name, arguments);
        }

        private string ParseString()
        {
            var value = new StringBuilder();
            position++;
            while (true)
            {
                if (position >= text.Length)
                {
                    throw Error("the end of a string");
                }

                var c = text[position++];
                if (c != '\'')
                {
                    value.Append(c);
                }
                else if (position < text.Length && text[position] == '\'')
                {
                    value.Append('\'');
                    position++;
                }
                else
                {
                    return value.ToString();
                }
            }
        }

        private string ParseIdentifier()
        {
            SkipSpace();
            var start = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or '$'))
            {
                position++;
            }

            return position > start ? text[start..position] : throw Error("a name");
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (!TryTake(c))
            {
                throw Error($"'{c}'");
            }
        }

        private bool TryTake(char c)
        {
            if (position < text.Length && text[position] == c)
            {
                position++;
                return true;
            }

            return false;
        }

        private void SkipSpace()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }
        }

        private FormatException Error(string expected) =>
            new($"Expected {expected} at {position} in the expression [{text}].");
    }
}

/// <summary>A string or integer literal.</summary>
public sealed record ArmLiteral(object Value) : ArmExpression;

/// <summary>A function call, e.g. <c>format('{0}', parameters('name'))</c>.</summary>
public sealed record ArmCall(string Name, IReadOnlyList<ArmExpression> Arguments) : ArmExpression;

/// <summary>A property read, e.g. <c>.outputs</c>.</summary>
public sealed record ArmMember(ArmExpression Target, string Name) : ArmExpression;

/// <summary>An index, e.g. <c>[copyIndex()]</c> or <c>['key']</c>.</summary>
public sealed record ArmIndex(ArmExpression Target, ArmExpression Index) : ArmExpression;
