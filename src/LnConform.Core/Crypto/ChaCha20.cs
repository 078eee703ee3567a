using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace LnConform.Core.Crypto;

/// <summary>
/// The ChaCha20 stream cipher of RFC 8439 §2.3–§2.4 (IETF variant: 256-bit key, 96-bit nonce,
/// 32-bit block counter), without Poly1305. NIP-44 v2 uses it with counter 0.
/// </summary>
/// <remarks>
/// Lengths of key and nonce, and a counter that would wrap, are programmer errors and throw
/// <see cref="ArgumentException"/> before any output is written: RFC 8439 §2.4 gives a
/// (key, nonce) pair 2^32 blocks of key stream and no more, so block <c>counter + i</c> must
/// fit in 32 bits for every block the input needs. <see cref="MaxLength"/> says how long that is.
/// </remarks>
public static class ChaCha20
{
    public const int KeySize = 32;
    public const int NonceSize = 12;
    public const int BlockSize = 64;

    // "expand 32-byte k" as four little-endian words (RFC 8439 §2.3).
    private const uint Sigma0 = 0x61707865;
    private const uint Sigma1 = 0x3320646e;
    private const uint Sigma2 = 0x79622d32;
    private const uint Sigma3 = 0x6b206574;

    /// <summary>
    /// The longest input that can be processed starting at <paramref name="counter"/> without the
    /// 32-bit block counter wrapping: (2^32 − counter) · 64 bytes.
    /// </summary>
    public static long MaxLength(uint counter) => ((long)uint.MaxValue - counter + 1) * BlockSize;

    /// <summary>Writes the 64-byte key-stream block for <paramref name="counter"/> (the RFC 8439 §2.3 block function).</summary>
    public static void Block(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, uint counter, Span<byte> output)
    {
        if (output.Length < BlockSize)
            throw new ArgumentException($"output must hold {BlockSize} bytes, not {output.Length}.", nameof(output));
        var state = new State(key, nonce);
        state.KeyStream(counter, output);
    }

    /// <summary>
    /// XORs <paramref name="input"/> with the key stream that starts at block <paramref name="counter"/>
    /// (RFC 8439 §2.4): encryption and decryption alike. <paramref name="output"/> must be as long as the
    /// input; it may be the same memory as the input (in place), but not partly overlap it.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A key that is not 32 bytes, a nonce that is not 12, output of another length or partly
    /// overlapping the input, or an input longer than <see cref="MaxLength"/>(counter).
    /// </exception>
    public static void Xor(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, uint counter, ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length != input.Length)
            throw new ArgumentException($"output is {output.Length} bytes, the input {input.Length}.", nameof(output));
        if (input.Overlaps(output, out var offset) && offset != 0)
            throw new ArgumentException("output partly overlaps the input (only the same span, in place, is allowed).", nameof(output));
        if (input.Length > MaxLength(counter))
        {
            throw new ArgumentException(
                $"{input.Length} bytes from block {counter} would wrap the 32-bit block counter (at most {MaxLength(counter)}).",
                nameof(counter));
        }

        var state = new State(key, nonce);
        Span<byte> block = stackalloc byte[BlockSize];
        while (input.Length >= BlockSize)
        {
            state.XorBlock(counter, input[..BlockSize], output);
            input = input[BlockSize..];
            output = output[BlockSize..];
            counter++; // may wrap to 0 after the last block; never used then
        }
        if (input.Length > 0)
        {
            state.KeyStream(counter, block);
            for (var i = 0; i < input.Length; i++)
                output[i] = (byte)(input[i] ^ block[i]);
            block.Clear();
        }
    }

    /// <summary>XOR into a new array: <c>Xor(key, nonce, counter, input)</c>.</summary>
    public static byte[] Xor(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, uint counter, ReadOnlySpan<byte> input)
    {
        var output = new byte[input.Length];
        Xor(key, nonce, counter, input, output);
        return output;
    }

    /// <summary>The constant words, key and nonce of the state (RFC 8439 §2.3); the counter is per block.</summary>
    private readonly struct State
    {
        private readonly uint _k0, _k1, _k2, _k3, _k4, _k5, _k6, _k7;
        private readonly uint _n0, _n1, _n2;

        public State(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce)
        {
            if (key.Length != KeySize)
                throw new ArgumentException($"key must be {KeySize} bytes, not {key.Length}.", nameof(key));
            if (nonce.Length != NonceSize)
                throw new ArgumentException($"nonce must be {NonceSize} bytes, not {nonce.Length}.", nameof(nonce));
            _k0 = BinaryPrimitives.ReadUInt32LittleEndian(key);
            _k1 = BinaryPrimitives.ReadUInt32LittleEndian(key[4..]);
            _k2 = BinaryPrimitives.ReadUInt32LittleEndian(key[8..]);
            _k3 = BinaryPrimitives.ReadUInt32LittleEndian(key[12..]);
            _k4 = BinaryPrimitives.ReadUInt32LittleEndian(key[16..]);
            _k5 = BinaryPrimitives.ReadUInt32LittleEndian(key[20..]);
            _k6 = BinaryPrimitives.ReadUInt32LittleEndian(key[24..]);
            _k7 = BinaryPrimitives.ReadUInt32LittleEndian(key[28..]);
            _n0 = BinaryPrimitives.ReadUInt32LittleEndian(nonce);
            _n1 = BinaryPrimitives.ReadUInt32LittleEndian(nonce[4..]);
            _n2 = BinaryPrimitives.ReadUInt32LittleEndian(nonce[8..]);
        }

        /// <summary>output[0..64] = key stream block.</summary>
        public void KeyStream(uint counter, Span<byte> output) => Run(counter, default, output, xor: false);

        /// <summary>output[0..64] = input[0..64] XOR key stream block.</summary>
        public void XorBlock(uint counter, ReadOnlySpan<byte> input, Span<byte> output) => Run(counter, input, output, xor: true);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Run(uint counter, ReadOnlySpan<byte> input, Span<byte> output, bool xor)
        {
            uint x0 = Sigma0, x1 = Sigma1, x2 = Sigma2, x3 = Sigma3;
            uint x4 = _k0, x5 = _k1, x6 = _k2, x7 = _k3, x8 = _k4, x9 = _k5, x10 = _k6, x11 = _k7;
            uint x12 = counter, x13 = _n0, x14 = _n1, x15 = _n2;

            // 20 rounds: 10 × (4 column quarter rounds, 4 diagonal quarter rounds), RFC 8439 §2.1 and §2.3.
            for (var i = 0; i < 10; i++)
            {
                x0 += x4; x12 = BitOperations.RotateLeft(x12 ^ x0, 16); x8 += x12; x4 = BitOperations.RotateLeft(x4 ^ x8, 12);
                x0 += x4; x12 = BitOperations.RotateLeft(x12 ^ x0, 8); x8 += x12; x4 = BitOperations.RotateLeft(x4 ^ x8, 7);
                x1 += x5; x13 = BitOperations.RotateLeft(x13 ^ x1, 16); x9 += x13; x5 = BitOperations.RotateLeft(x5 ^ x9, 12);
                x1 += x5; x13 = BitOperations.RotateLeft(x13 ^ x1, 8); x9 += x13; x5 = BitOperations.RotateLeft(x5 ^ x9, 7);
                x2 += x6; x14 = BitOperations.RotateLeft(x14 ^ x2, 16); x10 += x14; x6 = BitOperations.RotateLeft(x6 ^ x10, 12);
                x2 += x6; x14 = BitOperations.RotateLeft(x14 ^ x2, 8); x10 += x14; x6 = BitOperations.RotateLeft(x6 ^ x10, 7);
                x3 += x7; x15 = BitOperations.RotateLeft(x15 ^ x3, 16); x11 += x15; x7 = BitOperations.RotateLeft(x7 ^ x11, 12);
                x3 += x7; x15 = BitOperations.RotateLeft(x15 ^ x3, 8); x11 += x15; x7 = BitOperations.RotateLeft(x7 ^ x11, 7);

                x0 += x5; x15 = BitOperations.RotateLeft(x15 ^ x0, 16); x10 += x15; x5 = BitOperations.RotateLeft(x5 ^ x10, 12);
                x0 += x5; x15 = BitOperations.RotateLeft(x15 ^ x0, 8); x10 += x15; x5 = BitOperations.RotateLeft(x5 ^ x10, 7);
                x1 += x6; x12 = BitOperations.RotateLeft(x12 ^ x1, 16); x11 += x12; x6 = BitOperations.RotateLeft(x6 ^ x11, 12);
                x1 += x6; x12 = BitOperations.RotateLeft(x12 ^ x1, 8); x11 += x12; x6 = BitOperations.RotateLeft(x6 ^ x11, 7);
                x2 += x7; x13 = BitOperations.RotateLeft(x13 ^ x2, 16); x8 += x13; x7 = BitOperations.RotateLeft(x7 ^ x8, 12);
                x2 += x7; x13 = BitOperations.RotateLeft(x13 ^ x2, 8); x8 += x13; x7 = BitOperations.RotateLeft(x7 ^ x8, 7);
                x3 += x4; x14 = BitOperations.RotateLeft(x14 ^ x3, 16); x9 += x14; x4 = BitOperations.RotateLeft(x4 ^ x9, 12);
                x3 += x4; x14 = BitOperations.RotateLeft(x14 ^ x3, 8); x9 += x14; x4 = BitOperations.RotateLeft(x4 ^ x9, 7);
            }

            // Add the input state back, serialize little-endian (RFC 8439 §2.3), XOR if asked.
            Emit(x0 + Sigma0, 0, input, output, xor);
            Emit(x1 + Sigma1, 4, input, output, xor);
            Emit(x2 + Sigma2, 8, input, output, xor);
            Emit(x3 + Sigma3, 12, input, output, xor);
            Emit(x4 + _k0, 16, input, output, xor);
            Emit(x5 + _k1, 20, input, output, xor);
            Emit(x6 + _k2, 24, input, output, xor);
            Emit(x7 + _k3, 28, input, output, xor);
            Emit(x8 + _k4, 32, input, output, xor);
            Emit(x9 + _k5, 36, input, output, xor);
            Emit(x10 + _k6, 40, input, output, xor);
            Emit(x11 + _k7, 44, input, output, xor);
            Emit(x12 + counter, 48, input, output, xor);
            Emit(x13 + _n0, 52, input, output, xor);
            Emit(x14 + _n1, 56, input, output, xor);
            Emit(x15 + _n2, 60, input, output, xor);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Emit(uint word, int at, ReadOnlySpan<byte> input, Span<byte> output, bool xor)
        {
            if (xor)
                word ^= BinaryPrimitives.ReadUInt32LittleEndian(input[at..]);
            BinaryPrimitives.WriteUInt32LittleEndian(output[at..], word);
        }
    }
}
