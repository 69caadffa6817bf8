//! `cargo run -p contracts-codegen --example typify_plain -- SCHEMA.json...`: plain typify
//! (as `cargo-typify` runs it: the file as one root schema, no bundling, lint or isolation)
//! on each file, printing the time or the failure, for comparing codegen's speed with it.

fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable");
        let started = std::time::Instant::now();
        let outcome = std::panic::catch_unwind(|| {
            let root: schemars::schema::RootSchema =
                serde_json::from_str(&text).map_err(|e| e.to_string())?;
            let mut settings = typify::TypeSpaceSettings::default();
            settings.with_struct_builder(false);
            let mut space = typify::TypeSpace::new(&settings);
            space.add_root_schema(root).map_err(|e| e.to_string())?;
            Ok::<usize, String>(space.to_stream().to_string().len())
        });
        let elapsed = started.elapsed().as_secs_f64();
        match outcome {
            Ok(Ok(bytes)) => println!("{path}\tok\t{elapsed:.3}\t{bytes} bytes"),
            Ok(Err(e)) => println!(
                "{path}\terror\t{elapsed:.3}\t{}",
                e.lines().next().unwrap_or("")
            ),
            Err(_) => println!("{path}\tpanic\t{elapsed:.3}"),
        }
    }
}
