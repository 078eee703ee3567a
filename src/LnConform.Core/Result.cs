using System.Diagnostics.CodeAnalysis;

namespace LnConform.Core;

/// <summary>
/// Why an input was refused: a per-format error enum whose kebab-case name is the stable
/// error class (DESIGN.md "Parsing and errors"), a message, and where it happened.
/// </summary>
/// <param name="Position">Offset into the input (characters for text, bytes for binary), or -1.</param>
public readonly record struct Rejection<TError>(TError Error, string Message, int Position = -1)
    where TError : struct, Enum
{
    /// <summary>The stable, language-neutral error class, e.g. <c>bech32-checksum</c>.</summary>
    public string Class => ErrorClass.Of(Error);

    public override string ToString() =>
        Position >= 0 ? $"{Class} at {Position}: {Message}" : $"{Class}: {Message}";
}

/// <summary>
/// The outcome of a parser or a checked operation: a value, or a typed rejection.
/// Parsers return this and never throw on input; exceptions are for programmer errors only.
/// </summary>
public readonly struct Result<T, TError> where TError : struct, Enum
{
    private readonly T? _value;
    private readonly Rejection<TError> _rejection;

    private Result(T value)
    {
        _value = value;
        _rejection = default;
        IsValid = true;
    }

    private Result(Rejection<TError> rejection)
    {
        _value = default;
        _rejection = rejection;
        IsValid = false;
    }

    [MemberNotNullWhen(true, nameof(ValueOrDefault))]
    public bool IsValid { get; }

    /// <summary>The value; throws <see cref="InvalidOperationException"/> if this is a rejection.</summary>
    public T Value => IsValid
        ? _value!
        : throw new InvalidOperationException($"No value: the input was rejected ({_rejection}).");

    public T? ValueOrDefault => _value;

    /// <summary>The rejection; throws <see cref="InvalidOperationException"/> if this holds a value.</summary>
    public Rejection<TError> Rejection => IsValid
        ? throw new InvalidOperationException("No rejection: the input was accepted.")
        : _rejection;

    public bool TryGetValue([MaybeNullWhen(false)] out T value, out Rejection<TError> rejection)
    {
        value = _value;
        rejection = _rejection;
        return IsValid;
    }

    public static Result<T, TError> Ok(T value) => new(value);

    public static Result<T, TError> Fail(TError error, string message, int position = -1) =>
        new(new Rejection<TError>(error, message, position));

    public static implicit operator Result<T, TError>(T value) => new(value);

    public static implicit operator Result<T, TError>(Rejection<TError> rejection) => new(rejection);

    /// <summary>Maps the value, keeping a rejection as it is.</summary>
    public Result<TOut, TError> Select<TOut>(Func<T, TOut> map) =>
        IsValid ? map(_value!) : _rejection;

    public override string ToString() => IsValid ? $"Ok({_value})" : _rejection.ToString();
}
