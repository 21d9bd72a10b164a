// Names a generated model type must not take, because the language already gives them a meaning that
// generated code, or code written beside it, relies on without an import: a class named Error shadows
// java.lang.Error and TypeScript's global Error; an enum named Result clashes with Rust's prelude.
// Type-like names only: generated type names are PascalCase, so lower-case keywords cannot collide.

/** java.lang (imported by every Java file), and the java.util types generated models import. */
const java = `AbstractMethodError Appendable ArithmeticException ArrayIndexOutOfBoundsException ArrayStoreException
AssertionError AutoCloseable Boolean BootstrapMethodError Byte Character CharSequence Class ClassCastException
ClassCircularityError ClassFormatError ClassLoader ClassNotFoundException ClassValue CloneNotSupportedException
Cloneable Comparable Deprecated Double Enum EnumConstantNotPresentException Error Exception
ExceptionInInitializerError Float FunctionalInterface IllegalAccessError IllegalAccessException
IllegalArgumentException IllegalCallerException IllegalMonitorStateException IllegalStateException
IllegalThreadStateException IncompatibleClassChangeError IndexOutOfBoundsException InheritableThreadLocal
InstantiationError InstantiationException Integer InternalError InterruptedException Iterable
LayerInstantiationException LinkageError Long MatchException Math Module ModuleLayer NegativeArraySizeException
NoClassDefFoundError NoSuchFieldError NoSuchFieldException NoSuchMethodError NoSuchMethodException
NullPointerException Number NumberFormatException Object OutOfMemoryError Override Package Process ProcessBuilder
ProcessHandle Readable Record ReflectiveOperationException Runnable Runtime RuntimeException RuntimePermission
SafeVarargs ScopedValue SecurityException SecurityManager Short StackOverflowError StackTraceElement StackWalker
StrictMath String StringBuffer StringBuilder StringIndexOutOfBoundsException SuppressWarnings System Thread
ThreadDeath ThreadGroup ThreadLocal Throwable TypeNotPresentException UnknownError UnsatisfiedLinkError
UnsupportedClassVersionError UnsupportedOperationException VerifyError VirtualMachineError Void
WrongThreadException List Map Set Optional Date UUID Objects OffsetDateTime LocalDate`;

/** The System namespace (in scope in every C# file), and the collection and task types models use. */
const csharp = `Action Activator AggregateException AppContext AppDomain ArgumentException ArgumentNullException
ArgumentOutOfRangeException ArithmeticException Array ArraySegment Attribute AttributeTargets
AttributeUsageAttribute BitConverter Boolean Buffer Byte Char CharEnumerator Console Convert DBNull DateOnly
DateTime DateTimeKind DateTimeOffset DayOfWeek Decimal Delegate DivideByZeroException Double Enum Environment
EventArgs EventHandler Exception FormatException Func GC Guid Half HashCode IAsyncDisposable IComparable
IConvertible IDisposable IEquatable IFormattable Index IndexOutOfRangeException Int16 Int32 Int64 Int128 IntPtr
InvalidCastException InvalidOperationException Lazy Math MathF MulticastDelegate NotImplementedException
NotSupportedException Nullable NullReferenceException Object ObjectDisposedException ObsoleteAttribute
OperationCanceledException OutOfMemoryException OverflowException Predicate Random Range ReadOnlyMemory
ReadOnlySpan SByte Single Span StackOverflowException String StringComparison SystemException TimeOnly TimeSpan
TimeZoneInfo TimeoutException Tuple Type TypeCode UInt16 UInt32 UInt64 UIntPtr Uri UriBuilder ValueTuple
ValueType Version Void WeakReference Task List Dictionary HashSet IEnumerable`;

/** Go's predeclared identifiers (exported generated names are capitalised, so they only document the rule). */
const go = `any bool byte comparable complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string
uint uint8 uint16 uint32 uint64 uintptr true false iota nil append cap clear close complex copy delete imag len make
max min new panic print println real recover`;

/** Python's builtins, and the names generated models import from enum, typing and dataclasses. */
const python = `ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError
BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError
ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError
Exception ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit
IOError ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError
KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None NotADirectoryError NotImplemented
NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError
RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration
SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True TypeError UnboundLocalError
UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError
Warning ZeroDivisionError object type int float complex str bytes bytearray bool list dict set frozenset tuple
range Enum IntEnum Any Optional List Dict Union Callable TypeVar Type cast dataclass`;

/** Rust's prelude, std::error::Error, and the serde and collection names generated models import. */
const rust = `Option Some None Result Ok Err String Vec Box ToString ToOwned Clone Copy Send Sync Sized Unpin Drop Fn FnMut
FnOnce Iterator IntoIterator DoubleEndedIterator ExactSizeIterator Extend Default Eq PartialEq Ord PartialOrd AsRef
AsMut Into From TryFrom TryInto FromIterator Debug Hash Error HashMap Serialize Deserialize Value Self`;

/** ECMAScript's globals, TypeScript's utility types, and the fetch and DOM globals of browsers and Node. */
const typescript = `AggregateError Array ArrayBuffer Atomics BigInt BigInt64Array BigUint64Array Boolean DataView Date Error
EvalError FinalizationRegistry Float32Array Float64Array Function Generator Infinity Int16Array Int32Array
Int8Array Intl Iterator JSON Map Math NaN Number Object Promise Proxy RangeError ReferenceError Reflect RegExp Set
SharedArrayBuffer String Symbol SyntaxError TypeError URIError Uint16Array Uint32Array Uint8Array
Uint8ClampedArray WeakMap WeakRef WeakSet Awaited Partial Required Readonly Record Pick Omit Exclude Extract
NonNullable Parameters ConstructorParameters ReturnType InstanceType ThisType Uppercase Lowercase Capitalize
Uncapitalize PromiseLike ArrayLike PropertyKey TemplateStringsArray Headers Request Response URL URLSearchParams
Blob File FormData AbortController AbortSignal Event EventTarget TextEncoder TextDecoder ReadableStream
WritableStream Crypto CryptoKey Performance Node Element Document Window Location History Storage Worker
WebSocket Notification Image Audio Option Text Comment Selection Screen Navigator Console Credential`;

const words = (list: string) => list.split(/\s+/).filter(Boolean);

export const builtins: Readonly<Record<'java' | 'csharp' | 'go' | 'python' | 'rust' | 'typescript', ReadonlySet<string>>> = {
  java: new Set(words(java)),
  csharp: new Set(words(csharp)),
  go: new Set(words(go)),
  python: new Set(words(python)),
  rust: new Set(words(rust)),
  typescript: new Set(words(typescript)),
};

/** The languages in which `name` is already taken. */
export function builtinIn(name: string): string[] {
  return Object.entries(builtins).filter(([, names]) => names.has(name)).map(([language]) => language);
}
