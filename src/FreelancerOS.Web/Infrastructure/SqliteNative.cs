using System.Globalization;
using System.Runtime.InteropServices;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// What the app's own SQL functions (<see cref="SqliteDecimalSum"/>, <see cref="SqliteDecimalMultiply"/>) share: the
/// SQLite C functions they call, on the library SQLitePCLRaw's e_sqlite3 provider loads (the same instance, so a
/// connection's handle is valid here), and reading a decimal argument, writing a decimal result and reporting an error,
/// all without a managed string per row.
/// </summary>
internal static unsafe class SqliteNative
{
    private const string Library = "e_sqlite3";
    internal const int Utf8 = 1, Deterministic = 0x800;
    private const int Integer = 1, Float = 2, Null = 5;

    /// <summary>Microsoft.Data.Sqlite writes decimals with this format; the functions write theirs the same way.</summary>
    private const string TextFormat = "0.0###########################";

    /// <summary>SQLITE_TRANSIENT: SQLite copies the text before the call returns.</summary>
    private static readonly IntPtr Transient = new(-1);

    /// <summary>
    /// An argument as a decimal: NULL as <paramref name="isNull"/>, an integer or a real as its value, text parsed where
    /// it lies with <paramref name="styles"/>. False when the text is not a number.
    /// </summary>
    internal static bool TryReadDecimal(IntPtr value, NumberStyles styles, out decimal amount, out bool isNull)
    {
        isNull = false;
        amount = 0m;
        switch (sqlite3_value_type(value))
        {
            case Null:
                isNull = true;
                return true;
            case Integer:
                amount = sqlite3_value_int64(value);
                return true;
            case Float:
                amount = (decimal)sqlite3_value_double(value);
                return true;
            default:
                var text = new ReadOnlySpan<byte>(sqlite3_value_text(value), sqlite3_value_bytes(value));
                return decimal.TryParse(text, styles, CultureInfo.InvariantCulture, out amount);
        }
    }

    /// <summary>The function's result: the decimal as invariant text, as EF stores decimals. False if it cannot be written.</summary>
    internal static bool TryResultDecimal(IntPtr context, decimal value)
    {
        Span<byte> text = stackalloc byte[64];
        if (!value.TryFormat(text, out var written, TextFormat, CultureInfo.InvariantCulture)) return false;
        fixed (byte* p = text)
            sqlite3_result_text(context, p, written, Transient);
        return true;
    }

    /// <summary>Ends the statement with this error (an exception must never leave a callback from native code).</summary>
    internal static void Error(IntPtr context, ReadOnlySpan<byte> message)
    {
        fixed (byte* p = message)
            sqlite3_result_error(context, p, message.Length);
    }

    [DllImport(Library)]
    internal static extern int sqlite3_create_function_v2(IntPtr db, byte* name, int arguments, int flags, IntPtr userData,
        delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr*, void> function, delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr*, void> step,
        delegate* unmanaged[Cdecl]<IntPtr, void> final, IntPtr destroy);

    [DllImport(Library)] internal static extern void* sqlite3_aggregate_context(IntPtr context, int bytes);
    [DllImport(Library)] internal static extern void sqlite3_result_null(IntPtr context);
    [DllImport(Library)] internal static extern void sqlite3_result_error_nomem(IntPtr context);
    [DllImport(Library)] private static extern int sqlite3_value_type(IntPtr value);
    [DllImport(Library)] private static extern long sqlite3_value_int64(IntPtr value);
    [DllImport(Library)] private static extern double sqlite3_value_double(IntPtr value);
    [DllImport(Library)] private static extern byte* sqlite3_value_text(IntPtr value);
    [DllImport(Library)] private static extern int sqlite3_value_bytes(IntPtr value);
    [DllImport(Library)] private static extern void sqlite3_result_text(IntPtr context, byte* text, int bytes, IntPtr destructor);
    [DllImport(Library)] private static extern void sqlite3_result_error(IntPtr context, byte* message, int bytes);
}
