//! `cargo run -p contracts-codegen --example generate -- PACKAGE [OUT] [--strict]`: generate a
//! package's module, print stats, warnings count and the time taken to stderr
//! (`CONTRACTS_CODEGEN_BUDGET=SECS` sets the work budget).

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let strict = args.iter().any(|a| a == "--strict");
    args.retain(|a| a != "--strict");
    let Some(package) = args.first() else {
        eprintln!("usage: generate PACKAGE [OUT] [--strict]");
        std::process::exit(2);
    };
    let started = std::time::Instant::now();
    let generated = match contracts_codegen::Builder::new()
        .package(package.as_str())
        .lenient(!strict)
        .budget(
            std::env::var("CONTRACTS_CODEGEN_BUDGET")
                .ok()
                .and_then(|s| s.parse::<f64>().ok())
                .map(std::time::Duration::from_secs_f64)
                .or(Some(contracts_codegen::DEFAULT_BUDGET)),
        )
        .generate()
    {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let total = started.elapsed();
    match args.get(1) {
        Some(out) => {
            if let Err(e) =
                contracts_codegen::write_atomic(std::path::Path::new(out), &generated.code)
            {
                eprintln!("error: {e}");
                std::process::exit(2);
            }
        }
        None => print!("{}", generated.code),
    }
    if std::env::var_os("VERBOSE").is_some() {
        for w in &generated.warnings {
            eprintln!("warning: {w}");
        }
    }
    eprintln!(
        "{:?}\nwarnings: {}\ngeneration: {:.3}s (load + generation: {:.3}s), {} lines",
        generated.stats,
        generated.warnings.len(),
        generated.elapsed.as_secs_f64(),
        total.as_secs_f64(),
        generated.code.lines().count()
    );
}
